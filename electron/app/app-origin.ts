// What the `app://lan-chat/` origin answers: the host window's pages and assets from dist/renderer and
// nothing else, shared pictures under /files/, every answer with the security headers. No Electron
// here: app-scheme.ts hands the scheme's requests to `appResponse`, and the host window's test harness
// serves the same answers over loopback HTTP.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
const APP_HOST = 'lan-chat';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const HOST_PAGE_URL = `${APP_ORIGIN}/host/index.html`;

/**
 * Sent with every response, on top of the page's own meta tag: headers can say what meta cannot
 * (`frame-ancestors`). Styles come from CSS files only; React's `style` props are set through the CSSOM,
 * which `style-src` does not restrict.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** On every answer of the scheme, files and refusals alike. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

/** What Vite's build emits; anything else is refused rather than guessed. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Whether `url` belongs to the app's own origin. Node's URL gives every non-special scheme the opaque
 * origin `'null'`, so comparing `.origin` would match any such scheme: compare scheme and host instead.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an `app://lan-chat/...` URL to a file inside `rendererDir`, or `null` when the URL is not ours, is
 * not a file we serve, or would leave the folder (`..`, encoded separators, NUL bytes).
 */
export function resolveRendererFile(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return CONTENT_TYPES[extname(file)] === undefined ? null : file;
}

export async function serveAppRequest(rendererDir: string, url: string): Promise<Response> {
  const file = resolveRendererFile(rendererDir, url);
  if (file === null) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)]! } });
  } catch {
    return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  }
}

/**
 * The answer to any request for `url` on the app's origin: `/files/...` (the pictures of shared files)
 * through `files`, which answers null for anything it does not serve; every other path from
 * `rendererDir`. Always with the security headers.
 */
export async function appResponse(rendererDir: string, url: string, files: (pathname: string) => Response | null): Promise<Response> {
  const pathname = isAppUrl(url) ? new URL(url).pathname : '';
  if (!pathname.startsWith('/files/')) return serveAppRequest(rendererDir, url);
  const answer = files(pathname);
  if (answer === null) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) answer.headers.set(name, value);
  return answer;
}
