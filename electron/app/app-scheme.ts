// The `app://lan-chat/` scheme: the host window's only source of pages and assets, so the window never
// needs `file://` (and its extra privileges). What it answers is app-origin.ts's; this is the Electron side.
import { protocol } from 'electron';
import { APP_SCHEME, appResponse } from './app-origin.js';

/** Must run before the app is ready: makes `app:` a standard, secure origin that can use fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves `app://lan-chat/<path>` from `rendererDir`, and `app://lan-chat/files/...` (the pictures of
 * shared files) through `files`, which answers null for anything it does not serve.
 */
export function setupAppScheme(rendererDir: string, files: (pathname: string) => Response | null): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url, files));
}
