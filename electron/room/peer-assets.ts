// Serving the built peer page over HTTP from a fixed route map, read into memory at startup. A URL
// is only ever looked up in the map: no filesystem path is built from it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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
};

interface Route {
  body: Buffer;
  contentType: string;
  cacheControl: string;
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

/** The HTTP side of the room: `GET /` and the page's assets; everything else is 404 or 405. */
export class PeerAssets {
  private readonly routes = new Map<string, Route>();
  /** False when the page is not built: `/` then explains that instead of serving it. */
  readonly built: boolean;

  /** Reads `<peerDir>/index.html` and every file in `<peerDir>/../assets` (Vite's hashed output). */
  constructor(readonly peerDir: string) {
    const index = join(peerDir, 'index.html');
    this.built = existsSync(index);
    if (!this.built) return;
    this.routes.set('/', { body: readFileSync(index), contentType: CONTENT_TYPES['.html']!, cacheControl: 'no-cache' });
    const assetsDir = join(peerDir, '..', 'assets');
    if (!existsSync(assetsDir)) return;
    for (const name of readdirSync(assetsDir)) {
      const file = join(assetsDir, name);
      if (!statSync(file).isFile()) continue;
      this.routes.set(`/assets/${name}`, {
        body: readFileSync(file),
        contentType: CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
        // Vite puts a content hash in every asset name, so a name never changes meaning.
        cacheControl: 'public, max-age=31536000, immutable',
      });
    }
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    const method = req.method ?? '';
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.text(res, 405, 'Method not allowed.');
    }
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return this.text(res, 400, 'Bad request.');
    }
    if (path === '/index.html') path = '/';
    const route = this.routes.get(path);
    if (route === undefined) {
      if (path === '/' && !this.built) {
        return this.text(res, 503, 'The chat page is not built. Run "npm run build" on the host, then reload.');
      }
      return this.text(res, 404, 'Not found.');
    }
    res.writeHead(200, {
      'Content-Type': route.contentType,
      'Content-Length': route.body.length,
      'Cache-Control': route.cacheControl,
    });
    res.end(method === 'HEAD' ? undefined : route.body);
  }

  private text(res: ServerResponse, status: number, message: string): void {
    const body = `${message}\n`;
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }
}
