// The main process wiring with `electron` faked and everything else real: main.ts starts a real room
// (127.0.0.1, port 0, settings and log in a temp folder), registers the IPC handlers and opens the
// window; the test then plays the page's part through the registered handlers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { HostEvent, Snapshot } from '../../electron/ipc-contract.js';
import { app, BrowserWindow, fake } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

const userData = mkdtempSync(join(tmpdir(), 'lan-chat-main-'));
let window: BrowserWindow;
const peers: WebSocket[] = [];

beforeAll(async () => {
  fake.switches.set('user-data-dir', userData);
  fake.switches.set('room-host', '127.0.0.1');
  fake.switches.set('room-port', '0');
  await import('../../electron/main.js');
  fake.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  window = fake.windows[0]!;
});

afterAll(async () => {
  for (const peer of peers) peer.terminate();
  if (!fake.calls.includes('quit')) {
    app.emit('before-quit', { preventDefault: () => {} });
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
  }
  rmSync(userData, { recursive: true, force: true });
});

/** Calls an IPC channel as a page in `frame` of `sender` would. */
function invokeFrom<T>(sender: unknown, frame: unknown, channel: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve().then(() => fake.handlers.get(channel)!({ sender, senderFrame: frame }, ...args) as T);
}
const invoke = <T>(channel: string, ...args: unknown[]) =>
  invokeFrom<T>(window.webContents, window.webContents.mainFrame, channel, ...args);

async function connect(port: number): Promise<WebSocket> {
  const peer = new WebSocket(`ws://127.0.0.1:${port}/`, 'lws-minimal');
  peers.push(peer);
  await new Promise((resolve, reject) => peer.once('open', resolve).once('error', reject));
  return peer;
}

describe('main process', () => {
  it('registers the app scheme and the sandbox before the app is ready', () => {
    const beforeReady = fake.calls.slice(0, fake.calls.indexOf('whenReady'));
    expect(beforeReady).toEqual([
      'registerSchemesAsPrivileged [{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]',
      'enableSandbox',
    ]);
    expect(fake.paths.get('userData')).toBe(userData);
  });

  it('sets up security and the app protocol once ready', () => {
    expect(fake.calls).toEqual(expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'protocol.handle app']));
    expect(app.listenerCount('web-contents-created')).toBe(1);
  });

  it('opens a sandboxed, isolated window on the app page with the preload', () => {
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs.webSecurity).toBeUndefined(); // the default (on)
    const preload = String(prefs.preload);
    expect(isAbsolute(preload) && preload.endsWith(join('electron', 'preload.cjs'))).toBe(true);
    expect(window.webContents.mainFrame.url).toBe('app://lan-chat/host/index.html');
  });

  it('handles exactly the contract channels', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([
      'lan-chat:clear-history',
      'lan-chat:export-history',
      'lan-chat:get-snapshot',
      'lan-chat:kick',
      'lan-chat:send',
      'lan-chat:update-settings',
    ]);
  });

  it('bridges the room: a snapshot, then batched events, then the host sending', async () => {
    const snapshot = await invoke<Snapshot>('lan-chat:get-snapshot');
    expect(snapshot.status).toMatchObject({ running: true, bindAddress: '127.0.0.1', error: null });

    const peer = await connect(snapshot.status.port);
    const events = () => window.webContents.sent.flatMap(([, batch]) => batch as HostEvent[]);
    await vi.waitFor(() => expect(events().some((e) => e.type === 'clients' && e.clients.length === 1)).toBe(true));
    expect(window.webContents.sent.every(([channel, ...rest]) => channel === 'lan-chat:events' && rest.length === 1)).toBe(true);

    const received = new Promise<string>((resolve) => peer.once('message', (data) => resolve(String(data))));
    await invoke('lan-chat:send', 'hi everyone');
    expect(await received).toMatch(/: hi everyone$/);
    await expect(invoke('lan-chat:send', '   ')).rejects.toThrow('empty');
  });

  it('refuses calls from other web contents and from sub-frames', async () => {
    const other = new BrowserWindow({ webPreferences: {} });
    fake.windows.pop();
    await expect(invokeFrom(other.webContents, other.webContents.mainFrame, 'lan-chat:get-snapshot')).rejects.toThrow(
      'not the host window',
    );
    const child = { url: 'app://lan-chat/host/index.html', parent: window.webContents.mainFrame };
    await expect(invokeFrom(window.webContents, child, 'lan-chat:kick', 'x')).rejects.toThrow('not the main frame');
  });

  it('closes the room before quitting', async () => {
    const { status } = await invoke<Snapshot>('lan-chat:get-snapshot');
    const peer = await connect(status.port);
    const closed = new Promise((resolve) => peer.once('close', resolve));
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await closed;
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
    // The quit that follows is not held up again.
    prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });
});
