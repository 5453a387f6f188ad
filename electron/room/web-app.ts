// The peer page as an installable web app: the tab icon (`/favicon.ico`), the web app manifest that
// lets a guest add the room to a phone's home screen under the room's name, and its icons. The images
// come from the build (renderer/peer/public, drawn by build/icon.mjs); the manifest is written per
// request, so a renamed room is added under its new name. One route set of the room's HTTP router.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { isRead, methodNotAllowed, type RouteSet } from './http-router.js';
import { readStaticFile, sendStaticFile, type StaticFile } from './static-file.js';

const MANIFEST_PATH = '/manifest.webmanifest';

/** Files the build copies next to the pages, by the path they are served at. */
const FILES: Record<string, string> = {
  '/favicon.ico': 'image/x-icon',
  '/icons/icon-192.png': 'image/png',
  '/icons/icon-512.png': 'image/png',
  '/icons/maskable-192.png': 'image/png',
  '/icons/maskable-512.png': 'image/png',
  '/icons/apple-touch-icon.png': 'image/png',
};

/** Not content-hashed, so a browser checks back now and then; a day is plenty for an icon. */
const ICON_CACHE = 'public, max-age=86400';

/** The app's colours (renderer/shared/tokens.css): the accent for the title bar, the page's background for the splash. */
const THEME_COLOR = '#0f766e';
const BACKGROUND_COLOR = '#f4f6f8';

export class WebApp implements RouteSet {
  private readonly files = new Map<string, StaticFile>();

  /**
   * @param rendererDir the built pages' folder (`dist/renderer`), where the build put the icons
   * @param roomName the room's name now, the installed app's name
   */
  constructor(
    rendererDir: string,
    private readonly roomName: () => string,
  ) {
    for (const [path, contentType] of Object.entries(FILES)) {
      const file = join(rendererDir, ...path.split('/'));
      if (existsSync(file)) this.files.set(path, readStaticFile(file, contentType, ICON_CACHE));
    }
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const file = path === MANIFEST_PATH ? this.manifest() : this.files.get(path);
    if (file === undefined) return false;
    if (!isRead(req)) methodNotAllowed(res);
    else sendStaticFile(req, res, file);
    return true;
  }

  private manifest(): StaticFile {
    const name = this.roomName();
    const icons = [192, 512].flatMap((size) => [
      { src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' },
      { src: `/icons/maskable-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'maskable' },
    ]);
    const manifest = {
      id: '/',
      name,
      short_name: name,
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: THEME_COLOR,
      background_color: BACKGROUND_COLOR,
      icons,
    };
    return {
      body: Buffer.from(JSON.stringify(manifest)),
      encoded: {},
      contentType: 'application/manifest+json; charset=utf-8',
      cacheControl: 'no-cache',
    };
  }
}
