// The real build (`npm test` builds first): two builds into one folder, the host window on React and
// the peer page on Preact's React API (a tenth of the bytes a guest's phone downloads), the peer page's
// text files each with a brotli and a gzip copy that decompress to the same bytes, and the room still
// serving the peer page's whole module graph through `/` and through the original page's `/example.js`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRouter } from '../electron/room/http-router.js';
import { defaultPeerAssetsDir, PeerAssets } from '../electron/room/peer-assets.js';

const RENDERER = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const ASSETS = join(RENDERER, 'assets');

/** The relative chunk imports of a built module (`from"./x.js"` and `import("./x.js")`). */
function chunkImports(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*\(?\s*["'`](\.\/[^"'`]+\.js)["'`]/g)].map((match) => match[1]!);
}

/** A page's scripts: its entry and every chunk it imports, transitively. */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const path of chunkImports(readFileSync(join(ASSETS, name), 'utf8'))) visit(path.slice(2));
  };
  visit(entry);
  return [...seen];
}

describe('the build', () => {
  let files: string[];
  const entry = (page: string) => files.find((name) => name.startsWith(`${page}-`) && name.endsWith('.js'))!;
  beforeAll(() => {
    if (!existsSync(ASSETS)) throw new Error('dist/renderer/assets is missing: run `npm run build` first');
    files = readdirSync(ASSETS);
  });

  it('has one entry per page, named for it', () => {
    expect(files.filter((name) => /^host-[\w-]+\.js$/.test(name))).toHaveLength(1);
    expect(files.filter((name) => /^peer-[\w-]+\.js$/.test(name))).toHaveLength(1);
  });

  it('runs the peer page on Preact without i18next, and the host window on React', () => {
    const peer = moduleGraph(entry('peer'))
      .map((name) => readFileSync(join(ASSETS, name), 'utf8'))
      .join('\n');
    const host = moduleGraph(entry('host'))
      .map((name) => readFileSync(join(ASSETS, name), 'utf8'))
      .join('\n');
    // The element type each library's production build marks elements with: React 19's, and the one
    // preact/compat keeps from older React.
    expect(host).toContain('react.transitional.element');
    expect(peer).not.toContain('react.transitional.element');
    expect(peer).toMatch(/["'`]react\.element["'`]/);
    expect(host).toContain('i18next');
    expect(peer).not.toContain('i18next');
  });

  it("writes a brotli and a gzip copy of each of the peer page's text files, with the same bytes inside", () => {
    const peerFiles = [join(RENDERER, 'peer', 'index.html'), ...moduleGraph(entry('peer')).map((name) => join(ASSETS, name))];
    peerFiles.push(...files.filter((name) => /^peer-.+\.css$/.test(name)).map((name) => join(ASSETS, name)));
    for (const file of peerFiles) {
      const plain = readFileSync(file);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(plain), file).toBe(true);
      expect(gunzipSync(readFileSync(`${file}.gz`)).equals(plain), file).toBe(true);
    }
  });
});

describe("the room serves the built peer page's modules", () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer(new HttpRouter([new PeerAssets(defaultPeerAssetsDir())]).handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function script(path: string): Promise<string> {
    const res = await fetch(`${origin}${path}`);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type'), path).toBe('text/javascript; charset=utf-8');
    return res.text();
  }

  it('from /example.js: the entry, then every chunk it imports', async () => {
    const compat = await script('/example.js');
    const entry = /^import\("(\/assets\/peer-[\w-]+\.js)"\);\n$/.exec(compat)?.[1];
    expect(entry, compat).toBeDefined();
    for (const path of chunkImports(await script(entry!))) {
      expect(await script(new URL(path, `${origin}${entry}`).pathname)).not.toBe('');
    }
  });
});
