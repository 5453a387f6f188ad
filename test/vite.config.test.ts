// The real build (`npm test` builds first): what both pages share is one chunk named for what it is,
// `shared-<hash>.js`, and the room still serves the peer page's whole module graph from it, through
// `/` and through the original page's `/example.js`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRouter } from '../electron/room/http-router.js';
import { defaultPeerAssetsDir, PeerAssets } from '../electron/room/peer-assets.js';

const ASSETS = fileURLToPath(new URL('../dist/renderer/assets', import.meta.url));
const SHARED = /^shared-[\w-]+\.js$/;

/** The relative chunk imports of a built module (`from"./x.js"` and `import("./x.js")`). */
function chunkImports(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*\(?\s*["'`](\.\/[^"'`]+\.js)["'`]/g)].map((match) => match[1]!);
}

describe('the build', () => {
  let scripts: string[];
  beforeAll(() => {
    if (!existsSync(ASSETS)) throw new Error('dist/renderer/assets is missing: run `npm run build` first');
    scripts = readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
  });

  it('has one entry per page and one shared chunk, named for what they are', () => {
    const kinds = scripts.map((name) => name.replace(/-[\w-]+\.js$/, '')).sort();
    expect(kinds).toEqual(['host', 'peer', 'shared']);
    expect(scripts.filter((name) => SHARED.test(name))).toHaveLength(1);
  });

  it('has both pages import the shared chunk', () => {
    const shared = scripts.find((name) => SHARED.test(name));
    for (const page of ['host', 'peer']) {
      const entry = scripts.find((name) => name.startsWith(`${page}-`))!;
      expect(chunkImports(readFileSync(join(ASSETS, entry), 'utf8'))).toContain(`./${shared}`);
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

  it('from /example.js: the entry, then the shared chunk beside it', async () => {
    const compat = await script('/example.js');
    const entry = /^import\("(\/assets\/peer-[\w-]+\.js)"\);\n$/.exec(compat)?.[1];
    expect(entry, compat).toBeDefined();
    const imports = chunkImports(await script(entry!));
    const shared = imports.find((path) => SHARED.test(path.slice(2)));
    expect(shared, imports.join(', ')).toBeDefined();
    expect(await script(new URL(shared!, `${origin}${entry}`).pathname)).not.toBe('');
  });
});
