// A small stand-in for the `electron` module, enough for main.ts to run in plain Node (after Fiddle's
// tests/mocks/electron.ts). Use with `vi.mock('electron', () => import('./fake-electron.js'))`; the
// `fake` export lets the test see and drive what main.ts did.
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';

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
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    fake.notifications.push(this);
  }
}

export const fake = {
  /** Calls main.ts made, in order, by name. */
  calls: [] as string[],
  switches: new Map<string, string>(),
  paths: new Map<string, string>(),
  handlers: new Map<string, IpcHandler>(),
  windows: [] as BrowserWindow[],
  notifications: [] as Notification[],
  badgeCount: 0,
  /** Resolves `app.whenReady()`. */
  ready: () => {},
};

export const app = Object.assign(new EventEmitter(), {
  enableSandbox: () => fake.calls.push('enableSandbox'),
  requestSingleInstanceLock: () => true,
  commandLine: { getSwitchValue: (name: string) => fake.switches.get(name) ?? '' },
  setPath: (name: string, path: string) => fake.paths.set(name, path),
  getPath: (name: string) => fake.paths.get(name) ?? tmpdir(),
  getName: () => 'LAN Chat',
  setBadgeCount: (count: number) => {
    fake.badgeCount = count;
    return true;
  },
  quit: () => fake.calls.push('quit'),
  exit: (code: number) => fake.calls.push(`exit ${code}`),
  whenReady: () => {
    fake.calls.push('whenReady');
    return new Promise<void>((resolve) => (fake.ready = resolve));
  },
});

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

export const shell = { openExternal: async () => {} };
export const dialog = {};
