// The peer page's routes: the page and its assets from a fixed route map, with the security headers,
// and /example.js; served by a real room.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultPeerAssetsDir, entryScriptSrc } from '../../../electron/room/peer-assets.js';
import { launchChromium } from '../../../scripts/lib/chromium.js';
import { startRoom, stopAll } from '../../support/room-fixture.js';

let root: string;
let peerDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lan-chat-assets-'));
  peerDir = join(root, 'peer');
  mkdirSync(peerDir);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(peerDir, 'index.html'), '<!doctype html><script type="module" src="../assets/peer-abc123.js"></script>');
  writeFileSync(join(root, 'assets', 'peer-abc123.js'), 'console.log("peer")');
  writeFileSync(join(root, 'assets', 'peer-abc123.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'not served');
  // The build's compressed copies of the page and of one asset.
  writeFileSync(
    join(peerDir, 'index.html.br'),
    brotliCompressSync('<!doctype html><script type="module" src="../assets/peer-abc123.js"></script>'),
  );
  writeFileSync(join(root, 'assets', 'peer-abc123.js.br'), brotliCompressSync('console.log("peer")'));
  // A second build whose entry imports a chunk by relative path, as Vite's output does.
  mkdirSync(join(root, 'chunked', 'peer'), { recursive: true });
  mkdirSync(join(root, 'chunked', 'assets'));
  writeFileSync(join(root, 'chunked', 'peer', 'index.html'), '<script crossorigin src="../assets/entry-1.js" type="module"></script>');
  writeFileSync(join(root, 'chunked', 'assets', 'entry-1.js'), 'import { mark } from "./chunk-1.js"; mark();');
  writeFileSync(
    join(root, 'chunked', 'assets', 'chunk-1.js'),
    'export function mark() { globalThis.entryRuns = (globalThis.entryRuns ?? 0) + 1; }',
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(stopAll);

describe('peer page routes', () => {
  it('serves / with the page, CSP, nosniff and no-cache', async () => {
    const { port } = await startRoom({ peerAssetsDir: peerDir });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; manifest-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('peer-abc123.js');
  });

  it('serves hashed assets as immutable with their content types', async () => {
    const { port } = await startRoom({ peerAssetsDir: peerDir });
    const js = await fetch(`http://127.0.0.1:${port}/assets/peer-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log("peer")');
    const css = await fetch(`http://127.0.0.1:${port}/assets/peer-abc123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for anything outside the map, traversal included', async () => {
    const { port } = await startRoom({ peerAssetsDir: peerDir });
    for (const path of ['/secret.txt', '/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/peer/index.html', '/nope']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(res.status, path).toBe(404);
      await res.body?.cancel();
    }
  });

  it('answers HEAD without a body and 405 for other methods', async () => {
    const { port } = await startRoom({ peerAssetsDir: peerDir });
    const head = await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves the brotli copies the build wrote to browsers that take them, never as files of their own', async () => {
    const { port } = await startRoom({ peerAssetsDir: peerDir });
    const get = (path: string, acceptEncoding: string) =>
      new Promise<{ encoding?: string; vary?: string; body: Buffer; status?: number }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              encoding: res.headers['content-encoding'],
              vary: res.headers.vary,
              body: Buffer.concat(chunks),
              status: res.statusCode,
            }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    const page = await get('/', 'gzip, deflate, br');
    expect([page.encoding, page.vary]).toEqual(['br', 'Accept-Encoding']);
    expect(brotliDecompressSync(page.body).toString()).toContain('peer-abc123.js');
    const script = await get('/assets/peer-abc123.js', 'br');
    expect(brotliDecompressSync(script.body).toString()).toBe('console.log("peer")');
    const plain = await get('/assets/peer-abc123.js', 'identity');
    expect([plain.encoding, plain.body.toString()]).toEqual([undefined, 'console.log("peer")']);
    // Without a copy there is nothing to choose from.
    expect((await get('/assets/peer-abc123.css', 'br')).encoding).toBeUndefined();
    expect((await get('/assets/peer-abc123.js.br', 'br')).status).toBe(404);
  });

  it('explains with 503 when the page is not built', async () => {
    const { port } = await startRoom({ peerAssetsDir: join(root, 'missing') });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/not built/);
  });
});

describe("/example.js, the original page's script name", () => {
  it("is served as text/javascript and loads the page's entry module by its real URL", async () => {
    const { port } = await startRoom({ peerAssetsDir: peerDir });
    const res = await fetch(`http://127.0.0.1:${port}/example.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('import("/assets/peer-abc123.js");\n');
  });

  it('is still a script (explaining the problem) when the page is not built', async () => {
    const { port } = await startRoom({ peerAssetsDir: join(root, 'missing') });
    const res = await fetch(`http://127.0.0.1:${port}/example.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toMatch(/^console\.error\(".*not built/);
  });

  it('runs the entry, relative chunk imports included, when a browser loads it as a classic script', async () => {
    const { port } = await startRoom({ peerAssetsDir: join(root, 'chunked', 'peer') });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      // Any page of the origin will do; the 404 page runs no script of its own.
      await page.goto(`http://127.0.0.1:${port}/not-a-page`);
      await page.addScriptTag({ url: '/example.js' });
      await page.waitForFunction(() => (globalThis as { entryRuns?: number }).entryRuns === 1, undefined, { timeout: 5000 });
    } finally {
      await browser.close();
    }
  });

  it('finds the entry in any attribute order and ignores classic scripts', () => {
    expect(entryScriptSrc('<script type="module" crossorigin src="../assets/a.js"></script>')).toBe('../assets/a.js');
    expect(entryScriptSrc("<SCRIPT src='/b.js' TYPE=module></SCRIPT>")).toBe('/b.js');
    expect(entryScriptSrc('<script src="/classic.js"></script><script type=module src=/c.js></script>')).toBe('/c.js');
    expect(entryScriptSrc('<script type="module">inline()</script>')).toBeNull();
  });
});

describe('default page location', () => {
  it('finds the built peer page under dist/ when running from source', () => {
    expect(defaultPeerAssetsDir()).toBe(join(process.cwd(), 'dist', 'renderer', 'peer'));
  });
});
