// Deny-by-default web contents rules, with `electron` faked: web contents are plain event emitters.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  openExternal: vi.fn(async (_url: string) => {}),
  permissionRequest: undefined as undefined | ((...args: unknown[]) => void),
  permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
}));

vi.mock('electron', () => ({
  app: { on: (name: string, listener: (...args: unknown[]) => void) => electron.appListeners.set(name, listener) },
  shell: { openExternal: electron.openExternal },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (electron.permissionRequest = handler),
      setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (electron.permissionCheck = handler),
    },
  },
}));

const { externalWebUrl, hardenWebContents, setupSecurity } = await import('../../../electron/app/security.js');

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

/** Emits a navigation-style event the way Electron does and says whether it was prevented. */
function emitPrevented(contents: FakeContents, name: string, details: Record<string, unknown>): boolean {
  let prevented = false;
  contents.emit(name, { ...details, preventDefault: () => (prevented = true) });
  return prevented;
}

let contents: FakeContents;
beforeEach(() => {
  electron.openExternal.mockClear();
  contents = new FakeContents();
  hardenWebContents(contents as never);
});

describe('hardenWebContents', () => {
  it('lets the app navigate within its own origin', () => {
    expect(emitPrevented(contents, 'will-frame-navigate', { url: 'app://lan-chat/host/index.html', isMainFrame: true })).toBe(false);
    expect(emitPrevented(contents, 'will-redirect', { url: 'app://lan-chat/host/index.html' })).toBe(false);
  });

  it('blocks navigation elsewhere and opens plain web links in the browser instead', () => {
    expect(emitPrevented(contents, 'will-frame-navigate', { url: 'https://example.com/a', isMainFrame: true })).toBe(true);
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.com/a');
  });

  it('opens nothing for a sub-frame or a non-web scheme', () => {
    expect(emitPrevented(contents, 'will-frame-navigate', { url: 'https://example.com/', isMainFrame: false })).toBe(true);
    expect(emitPrevented(contents, 'will-frame-navigate', { url: 'file:///etc/passwd', isMainFrame: true })).toBe(true);
    expect(emitPrevented(contents, 'will-frame-navigate', { url: 'app://evil/x', isMainFrame: true })).toBe(true);
    expect(electron.openExternal).not.toHaveBeenCalled();
  });

  it('blocks redirects away from the app', () => {
    expect(emitPrevented(contents, 'will-redirect', { url: 'http://192.168.1.1/' })).toBe(true);
  });

  it('denies every new window, opening http(s) links externally', () => {
    expect(contents.openHandler!({ url: 'http://192.168.1.20:7681/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://lan-chat/host/index.html' })).toEqual({ action: 'deny' });
    expect(electron.openExternal.mock.calls).toEqual([['http://192.168.1.20:7681/']]);
  });

  it('prevents webviews from attaching', () => {
    expect(emitPrevented(contents, 'will-attach-webview', {})).toBe(true);
  });
});

describe('externalWebUrl', () => {
  it.each([
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['HTTP://Example.com', 'http://example.com/'],
  ])('accepts %s', (url, expected) => {
    expect(externalWebUrl(url)).toBe(expected);
  });
  it.each(['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'ms-settings:', 'not a url', ''])('refuses %s', (url) => {
    expect(externalWebUrl(url)).toBeNull();
  });
});

describe('setupSecurity', () => {
  it('hardens every new web contents', () => {
    setupSecurity();
    const created = new FakeContents();
    electron.appListeners.get('web-contents-created')!({}, created);
    expect(created.openHandler).toBeDefined();
    expect(created.listenerCount('will-frame-navigate')).toBe(1);
  });

  it('denies every permission but clipboard writes from the app itself', () => {
    setupSecurity();
    const request = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      electron.permissionRequest!(contents, permission, callback, { requestingUrl, isMainFrame: true });
      return callback.mock.calls[0]![0] as boolean;
    };
    const check = (permission: string, origin: string) => electron.permissionCheck!(contents, permission, origin, {});
    const app = 'app://lan-chat/host/index.html';

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(request(permission, app)).toBe(false);
      expect(check(permission, 'app://lan-chat')).toBe(false);
    }
    expect(request('clipboard-sanitized-write', app)).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://lan-chat')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check('clipboard-sanitized-write', 'http://192.168.1.9:7681')).toBe(false);
  });
});
