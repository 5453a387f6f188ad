// The main process wiring with `electron` faked and everything else real: main.ts starts a real room
// (127.0.0.1, port 0, settings and log in a temp folder), registers the IPC handlers, puts the room in
// the tray and opens the window; the test then plays the page's part through the registered handlers
// and the host's through the tray's menu.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ChatMessage } from '../../common/model.js';
import type { ExportResult, HostEvent, Snapshot } from '../../electron/ipc-contract.js';
import { handshakeAnswer, rawClient, stopAll } from '../support/room-fixture.js';
import { app, BrowserWindow, fake, invokeAs, invokeFrom, powerMonitor, quitApp, type Tray } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

const userData = mkdtempSync(join(tmpdir(), 'lan-chat-main-'));
// A login item written by a settings change goes here, never into the real ~/.config.
process.env.XDG_CONFIG_HOME = join(userData, 'config');
let window: BrowserWindow;

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
  await stopAll();
  await quitApp();
  rmSync(userData, { recursive: true, force: true });
});

const invoke = <T>(channel: string, ...args: unknown[]) => invokeAs<T>(window, channel, ...args);

/** The tray the OS shows now. */
function tray(): Tray {
  const shown = fake.trays.filter((t) => !t.destroyed);
  expect(shown).toHaveLength(1);
  return shown[0]!;
}

/** An `lws-minimal` guest of the room on `port`. */
async function connect(port: number): Promise<WebSocket> {
  return (await rawClient(`ws://127.0.0.1:${port}/`)).ws;
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
      'lan-chat:admit',
      'lan-chat:admit-all',
      'lan-chat:ban',
      'lan-chat:clear-history',
      'lan-chat:export-history',
      'lan-chat:get-snapshot',
      'lan-chat:get-wifi',
      'lan-chat:kick',
      'lan-chat:mute',
      'lan-chat:remove-message',
      'lan-chat:save-file',
      'lan-chat:send',
      'lan-chat:set-locked',
      'lan-chat:set-pin',
      'lan-chat:set-slow-mode',
      'lan-chat:set-waiting-room',
      'lan-chat:set-wifi',
      'lan-chat:share-files',
      'lan-chat:show-file',
      'lan-chat:turn-away',
      'lan-chat:unban',
      'lan-chat:unmute',
      'lan-chat:update-settings',
    ]);
  });

  it('shares a file by its path and pasted bytes, saves one through the dialog, and refuses what is not a file', async () => {
    const path = join(userData, 'plan.txt');
    writeFileSync(path, 'the plan');
    const message = await invoke<ChatMessage>(
      'lan-chat:share-files',
      [{ path }, { bytes: new Uint8Array([1, 2, 3]), name: 'x.bin', type: '' }],
      'see',
    );
    expect(message.files!.map((f) => [f.name, f.size])).toEqual([
      ['plan.txt', 8],
      ['x.bin', 3],
    ]);
    fake.savePath = join(userData, 'saved.txt');
    expect(await invoke<ExportResult>('lan-chat:save-file', message.files![0]!.id)).toEqual({ saved: true, path: fake.savePath });
    expect(readFileSync(fake.savePath, 'utf8')).toBe('the plan');
    expect(await invoke('lan-chat:show-file', message.files![0]!.id)).toBe(true);
    expect(fake.calls.at(-1)).toMatch(/^showItemInFolder .+/);
    await expect(invoke('lan-chat:share-files', [{ path: 'relative.txt' }], '')).rejects.toThrow('not an absolute file path');
    await expect(invoke('lan-chat:share-files', [{ path: userData }], '')).rejects.toThrow('not a file that can be shared');
    await expect(invoke('lan-chat:share-files', [{ path: '/dev/zero' }], '')).rejects.toThrow('not a file that can be shared');
    await expect(invoke('lan-chat:save-file', '../etc')).rejects.toThrow('not a file id');
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

  it('moderates through the bridge: a valid call reaches the room, a bad argument is refused there', async () => {
    await invoke<Snapshot>('lan-chat:get-snapshot');
    expect(await invoke('lan-chat:set-locked', true)).toBe(true);
    expect((await invoke<Snapshot>('lan-chat:get-snapshot')).moderation.locked).toBe(true);
    expect(await invoke('lan-chat:set-slow-mode', 20)).toBe(true);
    await expect(invoke('lan-chat:set-slow-mode', 99999)).rejects.toThrow('seconds must be a whole number');
    await expect(invoke('lan-chat:ban', 'nobody', 'forever')).rejects.toThrow('minutes must be');
    expect(await invoke('lan-chat:ban', 'nobody', null)).toBeNull();
    const settings = await invoke<{ pin: string | null }>('lan-chat:set-pin', '2468', false);
    expect(settings.pin).toBe('2468');
    // The app's room keeps these in its data folder: leave it as it was for the next test.
    await invoke('lan-chat:set-locked', false);
    await invoke('lan-chat:set-slow-mode', 0);
    await invoke('lan-chat:set-pin', null, false);
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

  it('shows the room in the tray: running, and how many people are in it, the host included', async () => {
    const { status, clients } = await invoke<Snapshot>('lan-chat:get-snapshot');
    const people = clients.length + 1;
    await vi.waitFor(() => expect(tray().tooltip).toBe(`LAN Chat\nRoom is running\n${people} people in the room`));
    await connect(status.port);
    await vi.waitFor(() => expect(tray().item(/in the room$/).label).toBe(`${people + 1} people in the room`));
    expect(tray().image.isEmpty()).toBe(false);
  });

  it("copies the room's join link from the tray", async () => {
    const { status, urls } = await invoke<Snapshot>('lan-chat:get-snapshot');
    tray().item('Copy join link').click!();
    expect(fake.clipboard).toBe(`http://127.0.0.1:${status.port}/`);
    expect(fake.clipboard).toBe(urls[0]!.url);
  });

  it('pauses the room from the tray: newcomers are refused, those inside stay, the window hears it', async () => {
    const { status } = await invoke<Snapshot>('lan-chat:get-snapshot');
    const url = `ws://127.0.0.1:${status.port}/`;
    const inside = await connect(status.port);
    window.webContents.sent.length = 0;
    tray().item('Pause room (nobody new can join)').click!();

    await vi.waitFor(() => expect(tray().item(/^Room is/).label).toBe('Room is paused: nobody new can join'));
    expect(tray().item('Pause room (nobody new can join)').checked).toBe(true);
    expect((await handshakeAnswer(url, 'lws-minimal')).status).toBe(423);
    const received = new Promise<string>((resolve) => inside.once('message', (data) => resolve(String(data))));
    await invoke('lan-chat:send', 'still with us');
    expect(await received).toMatch(/: still with us$/);
    const events = () => window.webContents.sent.flatMap(([, batch]) => batch as HostEvent[]);
    await vi.waitFor(() => expect(events().some((e) => e.type === 'status' && e.status.locked)).toBe(true));

    tray().item('Pause room (nobody new can join)').click!();
    await vi.waitFor(() => expect(tray().item(/^Room is/).label).toBe('Room is running'));
    expect((await handshakeAnswer(url, 'lws-minimal')).status).toBe(101);
  });

  it('re-reads the join addresses when the computer wakes', () => {
    expect(powerMonitor.listenerCount('resume')).toBe(1);
  });

  it('keeps the room running in the tray when the window closes, says so the first time only, and opens again from the tray', async () => {
    const { status } = await invoke<Snapshot>('lan-chat:get-snapshot');
    const inside = await connect(status.port);
    fake.notifications.length = 0;
    window.emit('closed');
    app.emit('window-all-closed');

    expect(fake.calls).not.toContain('quit');
    expect(fake.notifications.map((n) => n.options.title)).toEqual(['LAN Chat is still running']);
    expect(JSON.parse(readFileSync(join(userData, 'app-state.json'), 'utf8'))).toEqual({ closeNoticeShown: true });
    // The room goes on: those inside stay, newcomers join.
    expect(inside.readyState).toBe(WebSocket.OPEN);
    await connect(status.port);

    tray().item('Open LAN Chat').click!();
    expect(fake.windows).toHaveLength(2);
    window = fake.windows[1]!;
    expect(window.webContents.mainFrame.url).toBe('app://lan-chat/host/index.html');
    expect((await invoke<Snapshot>('lan-chat:get-snapshot')).status.running).toBe(true);

    // Later closes hide to the tray silently.
    window.emit('closed');
    app.emit('window-all-closed');
    expect(fake.notifications).toHaveLength(1);
    tray().emit('click');
    window = fake.windows.at(-1)!;
    expect(fake.windows).toHaveLength(3);
  });

  it('writes the login item when the host turns "start when I log in" on, and removes it when off', async () => {
    const entry = join(userData, 'config', 'autostart', 'lan-chat.desktop');
    await invoke('lan-chat:update-settings', { openAtLogin: true });
    expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=.* --start-in-tray$/m);
    await invoke('lan-chat:update-settings', { openAtLogin: false });
    expect(existsSync(entry)).toBe(false);
  });

  it('Quit in the tray closes the room before the app quits', async () => {
    const { status } = await invoke<Snapshot>('lan-chat:get-snapshot');
    const peer = await connect(status.port);
    const closed = new Promise((resolve) => peer.once('close', resolve));
    tray().item('Quit (stops the room)').click!();
    // The first quit is held up while the room closes its clients and its log.
    expect(fake.calls).not.toContain('quit');
    await closed;
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
    // The quit that follows is not held up again.
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });
});
