// Deny-by-default rules for every web contents the app ever creates (Electron security checklist
// #5, #11-#15): the window may only show the app's own pages; everything else is refused or, for plain
// web links, handed to the user's browser.
import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl } from './app-origin.js';

/**
 * The one permission the host window uses: the join card's copy button writes plain text to the
 * clipboard. No camera, microphone, location, notifications or anything else, and only for app pages.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isAllowedPermission(permission, requestingOrigin),
  );
}

function isAllowedPermission(permission: string, requester: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requester);
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    if (event.isMainFrame) openExternalSafely(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The URL to hand to the system browser, or `null` unless it parses as a plain http(s) link. */
export function externalWebUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function openExternalSafely(url: string): void {
  const safe = externalWebUrl(url);
  if (safe !== null) {
    shell.openExternal(safe).catch((error: unknown) => console.warn(`Could not open ${safe}:`, error));
  }
}
