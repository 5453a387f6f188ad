// A small stand-in for the `electron` module, enough for main.ts to run in plain Node (after Fiddle's
// tests/mocks/electron.ts). Use with `vi.mock('electron', () => import('./fake-electron.js'))`; the
// `fake` export lets the test see and drive what main.ts did.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  readonly mainFrame = { url: '', parent: null };
  readonly sent: [channel: string, ...args: unknown[]][] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(): void {}
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    fake.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  focused = true;
  show(): void {}
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
}

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return fake.notificationsSupported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    fake.notifications.push(this);
  }
}

/** An image read from a file: empty when the file is not there, as Electron's would be. */
class FakeImage {
  template = false;
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return !existsSync(this.path);
  }
  setTemplateImage(template: boolean): void {
    this.template = template;
  }
}

export const nativeImage = { createFromPath: (path: string) => new FakeImage(path) };

/** A menu item as the template gave it: `click` is what the OS would call. */
export interface FakeMenuItem {
  type?: string;
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

export const Menu = { buildFromTemplate: (items: FakeMenuItem[]) => ({ items }) };

export class Tray extends EventEmitter {
  tooltip = '';
  menu: { items: FakeMenuItem[] } | null = null;
  destroyed = false;
  constructor(readonly image: FakeImage) {
    super();
    fake.trays.push(this);
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The menu's item with this label; throws when there is none. */
  item(label: string | RegExp): FakeMenuItem {
    const found = this.menu?.items.find(
      (i) => i.label !== undefined && (typeof label === 'string' ? i.label === label : label.test(i.label)),
    );
    if (found === undefined) throw new Error(`no tray menu item ${String(label)} in ${JSON.stringify(this.menu?.items)}`);
    return found;
  }
}

export const clipboard = { writeText: (text: string) => (fake.clipboard = text) };

export const powerMonitor = new EventEmitter();

export const fake = {
  /** Calls main.ts made, in order, by name. */
  calls: [] as string[],
  switches: new Map<string, string>(),
  paths: new Map<string, string>(),
  handlers: new Map<string, IpcHandler>(),
  windows: [] as BrowserWindow[],
  notifications: [] as Notification[],
  notificationsSupported: true,
  messageBoxes: [] as unknown[],
  trays: [] as Tray[],
  clipboard: '',
  loginItems: [] as unknown[],
  systemLanguages: ['en-US'],
  openedAtLogin: false,
  badgeCount: 0,
  /** Where the save dialog says to save; null: the person cancels it. */
  savePath: null as string | null,
  /** What each save dialog was opened with: the window (when there is one) and the options. */
  saveDialogs: [] as unknown[][],
  /** Resolves `app.whenReady()`. */
  ready: () => {},
};

export const app = Object.assign(new EventEmitter(), {
  enableSandbox: () => fake.calls.push('enableSandbox'),
  requestSingleInstanceLock: () => true,
  commandLine: {
    getSwitchValue: (name: string) => fake.switches.get(name) ?? '',
    hasSwitch: (name: string) => fake.switches.has(name),
  },
  isPackaged: false,
  getAppPath: () => fileURLToPath(new URL('../../', import.meta.url)),
  getPreferredSystemLanguages: () => fake.systemLanguages,
  setLoginItemSettings: (settings: unknown) => fake.loginItems.push(settings),
  getLoginItemSettings: () => ({ wasOpenedAtLogin: fake.openedAtLogin }),
  setPath: (name: string, path: string) => fake.paths.set(name, path),
  getPath: (name: string) => fake.paths.get(name) ?? tmpdir(),
  getName: () => 'LAN Chat',
  setBadgeCount: (count: number) => {
    fake.badgeCount = count;
    return true;
  },
  /** As Electron's: `before-quit` first, and a listener that prevents it keeps the app running. */
  quit: () => {
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) fake.calls.push('quit');
  },
  exit: (code: number) => fake.calls.push(`exit ${code}`),
  whenReady: () => {
    fake.calls.push('whenReady');
    return new Promise<void>((resolve) => (fake.ready = resolve));
  },
});

/** Calls IPC `channel` as a page in `frame` of `sender` would: the registered handler's answer, or its error, as a promise. */
export function invokeFrom<T>(sender: unknown, frame: unknown, channel: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve().then(() => fake.handlers.get(channel)!({ sender, senderFrame: frame }, ...args) as T);
}

/** Calls IPC `channel` as the page in `window`'s main frame would. */
export function invokeAs<T>(window: BrowserWindow, channel: string, ...args: unknown[]): Promise<T> {
  return invokeFrom<T>(window.webContents, window.webContents.mainFrame, channel, ...args);
}

/** Quits the app main.ts started, as the OS would, unless a test already has; resolves once it has quit. */
export async function quitApp(): Promise<void> {
  if (!fake.calls.includes('quit')) app.quit();
  // main.ts holds the first quit up until the room has closed, then quits again.
  while (!fake.calls.includes('quit')) await new Promise((resolve) => setTimeout(resolve, 10));
}

export const nativeTheme = { shouldUseDarkColors: false };

export const ipcMain = {
  handle: (channel: string, handler: IpcHandler) => fake.handlers.set(channel, handler),
  removeHandler: (channel: string) => fake.handlers.delete(channel),
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown) => fake.calls.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
  handle: (scheme: string) => fake.calls.push(`protocol.handle ${scheme}`),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => fake.calls.push('setPermissionRequestHandler'),
    setPermissionCheckHandler: () => fake.calls.push('setPermissionCheckHandler'),
  },
};

export const shell = {
  openExternal: async () => {},
  showItemInFolder: (path: string) => fake.calls.push(`showItemInFolder ${path}`),
};
/** The save dialog answers with `fake.savePath` (null: cancelled). */
export const dialog = {
  showMessageBox: (options: unknown) => {
    fake.messageBoxes.push(options);
    return Promise.resolve({ response: 0, checkboxChecked: false });
  },
  showSaveDialog: async (...args: unknown[]) => {
    fake.saveDialogs.push(args);
    return fake.savePath === null ? { canceled: true } : { canceled: false, filePath: fake.savePath };
  },
};

/**
 * Encryption that is not plain text (so a test can see the secret is not stored in clear) and that
 * a test can turn off, as on a Linux desktop without a secret service.
 */
export const safeStorage = {
  available: true,
  /** What Linux reports: a secret service, or `basic_text` (a built-in password) without one. */
  backend: 'gnome-libsecret',
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(text: string): Buffer {
    if (!this.available) throw new Error('encryption is not available');
    return Buffer.from(`fake-encrypted:${Buffer.from(text).toString('base64').split('').reverse().join('')}`);
  },
  decryptString(data: Buffer): string {
    const text = data.toString();
    if (!text.startsWith('fake-encrypted:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice('fake-encrypted:'.length).split('').reverse().join(''), 'base64').toString();
  },
};
