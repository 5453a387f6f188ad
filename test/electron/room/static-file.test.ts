// Serving a file with its build-time compressed copies: the copy the request's Accept-Encoding allows
// (brotli first), the plain bytes otherwise, Vary, Content-Length of what is sent, and HEAD.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseCoding, readStaticFile, sendStaticFile, type StaticFile } from '../../../electron/room/static-file.js';

describe('chooseCoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['BR', 'br'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['br;q=nonsense, gzip;q=0.2', 'gzip'],
  ] as const)('Accept-Encoding %j gives %j', (header, expected) => {
    expect(chooseCoding(header, both)).toBe(expected);
  });

  it('only picks a coding the file has', () => {
    expect(chooseCoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(chooseCoding('br', ['gzip'])).toBeNull();
    expect(chooseCoding('br, gzip', [])).toBeNull();
  });
});

describe('sendStaticFile over HTTP', () => {
  const text = 'console.log("a page script, long enough to compress well");\n'.repeat(50);
  let dir: string;
  let server: Server;
  let port: number;
  let files: Record<string, StaticFile>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lan-chat-static-'));
    writeFileSync(join(dir, 'both.js'), text);
    writeFileSync(join(dir, 'both.js.br'), brotliCompressSync(text));
    writeFileSync(join(dir, 'both.js.gz'), gzipSync(text));
    writeFileSync(join(dir, 'plain.js'), text);
    files = {
      '/both.js': readStaticFile(join(dir, 'both.js'), 'text/javascript; charset=utf-8', 'no-cache'),
      '/plain.js': readStaticFile(join(dir, 'plain.js'), 'text/javascript; charset=utf-8', 'no-cache'),
    };
    server = createServer((req, res) => sendStaticFile(req, res, files[req.url!]!));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A request with exactly these headers (fetch would add its own Accept-Encoding). */
  function get(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends brotli to a browser that takes it, with its own length and Vary', async () => {
    const res = await get('/both.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(text.length / 4);
    expect(brotliDecompressSync(res.body).toString()).toBe(text);
  });

  it('sends gzip to a client without brotli', async () => {
    const res = await get('/both.js', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(gunzipSync(res.body).toString()).toBe(text);
  });

  it('sends the plain bytes to a client that accepts no coding, still with Vary', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const res = await get('/both.js', headers);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(Number(res.headers['content-length'])).toBe(text.length);
      expect(res.body.toString()).toBe(text);
    }
  });

  it('answers HEAD with the headers of the copy a GET would get, and no body', async () => {
    const get_ = await get('/both.js', { 'Accept-Encoding': 'br' });
    const head = await get('/both.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(get_.headers['content-length']);
    expect(head.body.length).toBe(0);
  });

  it('sends a file without copies as it is, without Vary', async () => {
    const res = await get('/plain.js', { 'Accept-Encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
    expect(res.body.toString()).toBe(text);
  });
});
