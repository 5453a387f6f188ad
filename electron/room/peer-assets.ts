// Serving the built peer page over HTTP from a fixed route map, read into memory at startup. A URL
// is only ever looked up in the map: no filesystem path is built from it. One route set of the room's
// HTTP router (http-router.ts), which sets the security headers.
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRead, methodNotAllowed, sendText, type RouteSet } from './http-router.js';
import { COMPRESSED_SUFFIX, readStaticFile, sendStaticFile, type StaticFile } from './static-file.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The original lws-minimal page's script name: its clients (and compatibility checks) request it.
 * It loads the peer page's entry module by its real URL rather than being a copy of its bytes: the
 * entry imports its chunks by relative path (`./shared-<hash>.js`), which from `/example.js` would miss
 * `/assets/`, and one URL means one module instance even when a page loads both.
 */
const COMPAT_SCRIPT = '/example.js';

/** The `src` of the first `<script type="module" src=...>` in an HTML page, or null. */
export function entryScriptSrc(html: string): string | null {
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    if (!/\btype\s*=\s*["']?module\b/i.test(tag)) continue;
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (src !== null) return src[1] ?? src[2] ?? src[3] ?? null;
  }
  return null;
}

/**
 * The built peer page's folder (`dist/renderer/peer`), found from this module's location both when it
 * runs from source (`electron/room/*.ts`, tests) and built (`dist/electron/room/*.js`).
 */
export function defaultPeerAssetsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // From source, `../../renderer/peer` is the unbuilt page: the built one is under dist/.
  const fromSource = import.meta.url.endsWith('.ts');
  return resolve(here, fromSource ? '../../dist/renderer/peer' : '../../renderer/peer');
}

/** The peer page's routes: `GET /` (and `/index.html`), the page's assets and `/example.js`. */
export class PeerAssets implements RouteSet {
  private readonly routes = new Map<string, StaticFile>();
  /** False when the page is not built: `/` then explains that instead of serving it. */
  readonly built: boolean;

  /**
   * Reads `<peerDir>/index.html` and every file in `<peerDir>/../assets` (Vite's hashed output), each
   * with the compressed copies the build wrote beside it.
   */
  constructor(readonly peerDir: string) {
    const index = join(peerDir, 'index.html');
    this.built = existsSync(index);
    const page = this.built ? readStaticFile(index, CONTENT_TYPES['.html']!, 'no-cache') : null;
    if (page !== null) {
      this.routes.set('/', page);
      this.readAssets(join(peerDir, '..', 'assets'));
    }
    this.routes.set(COMPAT_SCRIPT, {
      body: Buffer.from(this.compatScript(page?.body.toString('utf8') ?? null)),
      encoded: {},
      contentType: CONTENT_TYPES['.js']!,
      cacheControl: 'no-cache',
    });
  }

  private readAssets(assetsDir: string): void {
    if (!existsSync(assetsDir)) return;
    for (const name of readdirSync(assetsDir)) {
      const file = join(assetsDir, name);
      if (COMPRESSED_SUFFIX.test(name) || !statSync(file).isFile()) continue;
      const contentType = CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
      // Vite puts a content hash in every asset name, so a name never changes meaning.
      this.routes.set(`/assets/${name}`, readStaticFile(file, contentType, 'public, max-age=31536000, immutable'));
    }
  }

  /**
   * The body of `/example.js`: a dynamic `import()` of the page's entry (valid in classic and module
   * scripts alike), or a console message when there is no entry to load.
   */
  private compatScript(page: string | null): string {
    const src = page === null ? null : entryScriptSrc(page);
    // The page is served at `/`, so its relative `src` resolves against `/`.
    const entry = src !== null && URL.canParse(src, 'http://localhost/') ? new URL(src, 'http://localhost/').pathname : null;
    if (entry !== null && this.routes.has(entry)) return `import(${JSON.stringify(entry)});\n`;
    return `console.error(${JSON.stringify('LAN Chat: the chat page is not built (or incomplete). Run "npm run build" on the host.')});\n`;
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const key = path === '/index.html' ? '/' : path;
    const route = this.routes.get(key);
    if (route === undefined && (key !== '/' || this.built)) return false;
    if (!isRead(req)) methodNotAllowed(res);
    else if (route === undefined) sendText(res, 503, 'The chat page is not built. Run "npm run build" on the host, then reload.');
    else sendStaticFile(req, res, route);
    return true;
  }
}
