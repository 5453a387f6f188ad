// The HTTP router: the security headers on every answer, route sets asked in order, and the answers
// when no route set knows the path. A real Node HTTP server on 127.0.0.1.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpRouter, methodNotAllowed, sendText, type RouteSet } from '../../../electron/room/http-router.js';
import { useCleanups } from '../../support/cleanup.js';

const { defer } = useCleanups('lan-chat-router-');

/** Answers `GET <path>` with `body`, and takes uploads (POST) at `<path>/upload`. */
class Echo implements RouteSet {
  readonly asked: string[] = [];
  constructor(
    private readonly path: string,
    private readonly body: string,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    this.asked.push(path);
    if (path === `${this.path}/upload`) {
      if (req.method !== 'POST') methodNotAllowed(res, 'POST');
      else sendText(res, 201, 'stored');
      return true;
    }
    if (path !== this.path) return false;
    sendText(res, 200, this.body);
    return true;
  }
}

async function serve(...routeSets: RouteSet[]): Promise<string> {
  const server = createServer(new HttpRouter(routeSets).handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  defer(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('HttpRouter', () => {
  it('asks each route set in turn with the decoded path; the first that knows it answers', async () => {
    const first = new Echo('/a', 'from a');
    const second = new Echo('/b', 'from b');
    const base = await serve(first, second);
    expect(await (await fetch(`${base}/b?query=ignored`)).text()).toBe('from b\n');
    expect(await (await fetch(`${base}/a`)).text()).toBe('from a\n');
    expect(first.asked).toEqual(['/b', '/a']);
    // The second set is not asked once the first has answered.
    expect(second.asked).toEqual(['/b']);
  });

  it('lets a route set take other methods than reads', async () => {
    const base = await serve(new Echo('/files', 'list'));
    const upload = await fetch(`${base}/files/upload`, { method: 'POST', body: 'bytes' });
    expect([upload.status, await upload.text()]).toEqual([201, 'stored\n']);
    const wrong = await fetch(`${base}/files/upload`);
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'POST']);
    await wrong.body?.cancel();
  });

  it('answers 404 to a read and 405 to anything else at a path no route set knows', async () => {
    const base = await serve(new Echo('/a', 'a'));
    const missing = await fetch(`${base}/nope`);
    expect([missing.status, missing.headers.get('cache-control'), await missing.text()]).toEqual([404, 'no-store', 'Not found.\n']);
    const head = await fetch(`${base}/nope`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([404, '']);
    const post = await fetch(`${base}/nope`, { method: 'POST', body: 'x' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    await post.body?.cancel();
  });

  it("puts nosniff, the CSP and no-referrer on every answer, the router's own included", async () => {
    const base = await serve(new Echo('/a', 'a'));
    for (const path of ['/a', '/nope']) {
      const res = await fetch(`${base}${path}`);
      await res.body?.cancel();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), path).toMatch(/^default-src 'none';.*frame-ancestors 'none'$/);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('answers 400 to a request target that is not a URL path', async () => {
    const base = await serve(new Echo('/a', 'a'));
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write('GET // HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/\r\n\r\nBad request\.\n$/);
  });
});
