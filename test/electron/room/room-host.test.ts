// The room host (the desktop app's and the CLI's composition of settings, log and room) with a real room
// on 127.0.0.1, real settings and log files in temp folders, and a real port taken by another server.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fileUrl } from '../../../common/files.js';
import { formatHistory, type HistoryExport } from '../../../electron/room/export-format.js';
import { RoomHost, type RoomHostOptions } from '../../../electron/room/room-host.js';
import type { HostEvent } from '../../../common/host-view.js';
import { openHistoryLog } from '../../../electron/room/history-log.js';
import { historyDir, readHistory } from '../../../electron/room/history-reader.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { isRoomEvent } from '../../../common/history.js';
import type { HistoryRecord } from '../../../common/model.js';
import { loadSettings, saveSettings, settingsPath } from '../../../electron/room/settings-store.js';
import { useCleanups } from '../../support/cleanup.js';
import { http, sha256, upload } from '../../support/files.js';
import { eventually, handshakeAnswer, richClient, stopAll } from '../../support/room-fixture.js';

/** The texts of the chat messages among history records (room events have none). */
function chatTexts(records: HistoryRecord[]): string[] {
  return records.flatMap((r) => (isRoomEvent(r) ? [] : [r.text]));
}

const { defer, tempDir } = useCleanups('lan-chat-host-');
afterEach(stopAll);

/** A host as the desktop app runs it (settings change live, so the log stays open). */
function startHost(dataDir: string, port = 0, urlPollMs?: number) {
  const events: HostEvent[] = [];
  const host = new RoomHost({
    dataDir,
    bindAddress: '127.0.0.1',
    port,
    urlPollMs,
    openLogWhenNotSaving: true,
    onEvent: (event) => events.push(event),
  });
  defer(() => host.stop());
  return { host, events };
}

/** A port some other program holds. */
async function occupiedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  defer(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as { port: number }).port;
}

/** A port nobody holds right now (the OS hands out a fresh one, then it is released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function connect(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, 'lws-minimal');
  defer(() => ws.terminate());
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

describe('RoomHost', () => {
  it('starts the room with the stored settings and reports it running', async () => {
    const dataDir = tempDir();
    saveSettings(dataDir, { ...DEFAULT_SETTINGS, roomName: 'Book club', hostName: 'Mei' });
    const { host, events } = startHost(dataDir);
    await host.start();

    const snapshot = host.snapshot();
    expect(snapshot.status).toMatchObject({ running: true, bindAddress: '127.0.0.1', error: null });
    expect(snapshot.status.port).toBeGreaterThan(0);
    expect(snapshot.settings).toMatchObject({ roomName: 'Book club', hostName: 'Mei' });
    expect(snapshot.maxMessageBytes).toBe(16 * 1024);
    expect(events).toContainEqual({ type: 'status', status: snapshot.status });
  });

  it('forwards room events and stores messages in the log of the data folder', async () => {
    const { host, events } = startHost(tempDir());
    await host.start();
    const peer = await connect(host.status().port);
    const received = new Promise((resolve) => peer.once('message', (data) => resolve(String(data))));

    const message = host.room.send('hello from the host');
    expect(await received).toBe('Host: hello from the host');
    expect(events).toContainEqual({ type: 'chat', message });
    expect(chatTexts(host.exportableHistory())).toEqual(['hello from the host']);
  });

  it('shows a taken port as an error instead of failing, then restarts on the port the host picks', async () => {
    const dataDir = tempDir();
    const taken = await occupiedPort();
    const { host, events } = startHost(dataDir, taken);
    await host.start();
    expect(host.status()).toMatchObject({ running: false, error: { code: 'port-in-use' } });
    expect(host.status().error!.message).toContain(String(taken));
    expect(events.at(-3)).toEqual({ type: 'status', status: host.status() });

    const port = await freePort();
    const settings = await host.updateSettings({ port });
    expect(settings.port).toBe(port);
    expect(host.status()).toMatchObject({ running: true, port, error: null });
    expect(loadSettings(dataDir).port).toBe(port);
    expect(events).toContainEqual({ type: 'settings', settings });
    expect(events).toContainEqual({ type: 'status', status: host.status() });
    await connect(port);
  });

  it('applies other settings live, keeping clients connected, and stores them', async () => {
    const dataDir = tempDir();
    const { host, events } = startHost(dataDir);
    await host.start();
    const peer = await connect(host.status().port);

    const settings = await host.updateSettings({ roomName: 'Standup', saveHistory: false });
    expect(settings).toMatchObject({ roomName: 'Standup', saveHistory: false });
    expect(peer.readyState).toBe(WebSocket.OPEN);
    expect(loadSettings(dataDir)).toMatchObject({ roomName: 'Standup', saveHistory: false });
    expect(events).toContainEqual({ type: 'settings', settings });

    // Not saving: the export is what the room remembers, and the log stays empty.
    const received = new Promise((resolve) => peer.once('message', resolve));
    host.room.send('off the record');
    await received;
    expect(chatTexts(host.exportableHistory())).toEqual(['off the record']);
    expect(readHistory(dataDir)).toEqual([]);
  });

  it('sends new join URLs when the PIN changes', async () => {
    const { host, events } = startHost(tempDir());
    await host.start();
    const port = host.status().port;
    expect(events.filter((e) => e.type === 'urls').at(-1)).toMatchObject({ urls: [{ url: `http://127.0.0.1:${port}/` }] });

    await host.updateSettings({ pin: '2468' });
    expect(events.filter((e) => e.type === 'urls').at(-1)).toMatchObject({ urls: [{ url: `http://127.0.0.1:${port}/?pin=2468` }] });
    // A change that leaves the URLs alone sends none.
    const count = events.filter((e) => e.type === 'urls').length;
    await host.updateSettings({ roomName: 'Quiet' });
    expect(events.filter((e) => e.type === 'urls')).toHaveLength(count);
  });

  it('re-reads the join URLs while running and sends them only when they change', async () => {
    const { host, events } = startHost(tempDir(), 0, 20);
    await host.start();
    const urlEvents = () => events.filter((e) => e.type === 'urls');
    // Several polls with nothing changed: no repeats.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(urlEvents()).toHaveLength(1);

    // The addresses change behind the host's back (here: the server goes away, so there are none);
    // only the poll can notice.
    await host.room.close();
    await expect.poll(() => urlEvents().at(-1), { timeout: 2000 }).toEqual({ type: 'urls', urls: [] });
    expect(urlEvents()).toHaveLength(2);
  });

  it('re-reads the join URLs at once when asked (after a wake from sleep), not only at the next poll', async () => {
    const { host, events } = startHost(tempDir(), 0, 3_600_000);
    await host.start();
    const urlEvents = () => events.filter((e) => e.type === 'urls');
    expect(urlEvents()).toHaveLength(1);
    host.refreshJoinUrls();
    expect(urlEvents()).toHaveLength(1);

    await host.room.close();
    host.refreshJoinUrls();
    expect(urlEvents().at(-1)).toEqual({ type: 'urls', urls: [] });
    expect(urlEvents()).toHaveLength(2);
  });

  it('stops re-reading the join URLs once stopped', async () => {
    const { host, events } = startHost(tempDir(), 0, 20);
    await host.start();
    await host.stop();
    const count = events.length;
    // Stopped, the room has no URLs any more: a poll still running would send that.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toHaveLength(count);
  });

  it('closes the room and its clients on stop', async () => {
    const { host } = startHost(tempDir());
    await host.start();
    const peer = await connect(host.status().port);
    const closed = new Promise((resolve) => peer.once('close', resolve));
    await host.stop();
    await closed;
    expect(host.status().running).toBe(false);
  });
});

describe('RoomHost and moderation', () => {
  it('keeps bans, mutes, the lock and slow mode in the data folder across a restart, and the history with its events', async () => {
    const dataDir = tempDir();
    const first = startHost(dataDir);
    await first.host.start();
    const { url } = { url: `ws://127.0.0.1:${first.host.status().port}/` };
    const { welcome: ann } = await richClient(url, { name: 'Ann' }, { localAddress: '127.0.0.2' });
    const { welcome: bob } = await richClient(url, { name: 'Bob' });
    first.host.room.send('before');
    first.host.room.mute(bob.you.id, null);
    first.host.room.ban(ann.you.id, 60);
    first.host.room.setSlowMode(15);
    first.host.room.setLocked(true);
    const drop = first.host.room.send('say nothing');
    first.host.room.removeMessage(drop.seq);
    expect(first.events).toContainEqual({ type: 'message-removed', seq: drop.seq });
    await eventually(() => first.events.some((e) => e.type === 'moderation-state' && e.moderation.locked), 'the moderation state');
    await first.host.stop();

    const second = startHost(dataDir);
    await second.host.start();
    const port = second.host.status().port;
    expect(second.host.status().locked).toBe(true);
    const state = second.host.room.moderationState();
    expect(state).toMatchObject({ locked: true, slowModeSeconds: 15 });
    expect(state.bans.map((b) => [b.name, b.address])).toEqual([['Ann', '127.0.0.2']]);
    expect(state.mutes.map((m) => m.name)).toEqual(['Bob']);
    second.host.room.setLocked(false);
    const banned = await handshakeAnswer(`ws://127.0.0.1:${port}/`, 'lws-minimal', { localAddress: '127.0.0.2' });
    expect(banned.status).toBe(403);
    // Bob's page comes back with the session it kept: still muted.
    const back = await richClient(`ws://127.0.0.1:${port}/`, { name: 'Bob', session: bob.session });
    expect(back.welcome.muted).toEqual({ forMs: null });
    // The history a newcomer gets after the restart still says what happened.
    expect(back.welcome.history.map((m) => m.removed ?? m.text)).toEqual(['before', true]);
    // The log keeps what changes how the history reads, not the comings and goings.
    expect(back.welcome.events.map((e) => (e.type === 'moderation' ? e.action : `${e.type}:${e.participant.name}`))).toEqual([
      'mute',
      'leave:Ann',
      'slow-mode',
      'lock',
      'unlock',
    ]);
    const txt = formatHistory(second.host.exportableHistory(), 'txt', { timeZone: 'UTC' });
    expect(txt).not.toContain('joined');
    for (const line of [
      '* The host muted Bob until further notice',
      '* Ann was banned by the host',
      'Host (host): before',
      'Host (host): (removed by the host)',
    ]) {
      expect(txt).toContain(line);
    }
  });
});

describe('RoomHost as the headless host runs it', () => {
  function headless(options: Omit<RoomHostOptions, 'onEvent'>) {
    const events: HostEvent[] = [];
    const warnings: string[] = [];
    const host = new RoomHost({
      bindAddress: '127.0.0.1',
      port: 0,
      onEvent: (e) => events.push(e),
      onWarning: (w) => warnings.push(w),
      ...options,
    });
    defer(() => host.stop());
    return { host, events, warnings };
  }

  it('runs in memory only without a data directory', async () => {
    const { host } = headless({});
    await host.start();
    expect(host.status().running).toBe(true);
    expect(host.savesHistory).toBe(false);
    const peer = await connect(host.status().port);
    const received = new Promise((resolve) => peer.once('message', resolve));
    host.room.send('kept in memory');
    await received;
    expect(chatTexts(host.exportableHistory())).toEqual(['kept in memory']);
    // Settings apply, with nowhere to store them.
    expect((await host.updateSettings({ roomName: 'Attic' })).roomName).toBe('Attic');
  });

  it("applies this run's overrides over the stored settings without storing them", async () => {
    const dataDir = tempDir();
    saveSettings(dataDir, { ...DEFAULT_SETTINGS, roomName: 'Stored', pin: '9999' });
    const { host } = headless({ dataDir, overrides: { pin: '4321', hostName: 'Mei' } });
    await host.start();
    expect(host.room.settings()).toMatchObject({ roomName: 'Stored', pin: '4321', hostName: 'Mei' });
    expect(host.snapshot().urls[0]!.url).toMatch(/\?pin=4321$/);
    // A change the host makes is stored over what was stored, and ends the override of that setting only.
    await host.updateSettings({ pin: '1357' });
    expect(loadSettings(dataDir)).toMatchObject({ roomName: 'Stored', pin: '1357', hostName: 'Host' });
    expect(host.room.settings()).toMatchObject({ pin: '1357', hostName: 'Mei' });
  });

  it("leaves the data directory's history alone while this run does not save", async () => {
    const dataDir = tempDir();
    const { host } = headless({ dataDir, overrides: { saveHistory: false } });
    await host.start();
    expect(host.savesHistory).toBe(false);
    host.room.send('not stored');
    await host.stop();
    expect(existsSync(historyDir(dataDir))).toBe(false);
    // Only the room's id, which the directory keeps whether or not chat is saved.
    expect(readdirSync(dataDir)).toEqual(['room-id']);
  });

  it('tells only the kinds of event asked for, and has the room do no work for the others', async () => {
    const { host, events } = headless({ events: ['status', 'chat'] });
    await host.start();
    const peer = await connect(host.status().port);
    const received = new Promise((resolve) => peer.once('message', resolve));
    host.room.send('hello');
    await received;
    await host.updateSettings({ pin: '2468' });
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['status', 'chat']));
    // Nobody listens for what nobody wants: the room builds no client list and no presence events for it.
    expect(['clients', 'presence', 'history-cleared'].map((name) => host.room.listenerCount(name as 'clients'))).toEqual([0, 0, 0]);
    const quiet = headless({ events: ['status'] });
    await quiet.host.start();
    expect(quiet.host.room.listenerCount('chat')).toBe(0);
  });

  it('refuses a bad override or limit when constructed, leaving nothing open', () => {
    const dataDir = tempDir();
    expect(() => new RoomHost({ dataDir, overrides: { pin: '1' }, onEvent: () => {} })).toThrow(/a PIN is 4 to 32 letters or digits/);
    expect(() => new RoomHost({ dataDir, limits: { maxConnections: 0 }, onEvent: () => {} })).toThrow(/maxConnections/);
  });

  it('keeps running in memory when the log cannot be opened, and says so in its status', async () => {
    const dataDir = tempDir();
    writeFileSync(historyDir(dataDir), 'a file where the history folder should be');
    const { host, events } = headless({ dataDir });
    await host.start();
    expect(host.status()).toMatchObject({
      running: true,
      error: { code: 'storage', message: expect.stringMatching(/^chat history is not being saved: /) },
    });
    expect(events).toContainEqual({ type: 'status', status: host.status() });
    expect(host.savesHistory).toBe(false);
  });
});

describe('the data directory is private to the user (issue 10, finding 10)', () => {
  const posix = process.platform !== 'win32';
  if (!posix) console.log('skipped: file modes 0700/0600 are POSIX; Windows keeps the folder private through its ACLs');
  const modeOf = (path: string) => statSync(path).mode & 0o777;

  it.runIf(posix)('creates a fresh data directory 0700 with settings.json and the log 0600', async () => {
    const dataDir = join(tempDir(), 'fresh');
    const { host } = startHost(dataDir);
    await host.start();
    await host.updateSettings({ pin: 'h7kq2m' });
    host.room.send('hello');
    await host.stop();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(settingsPath(dataDir))).toBe(0o600);
    expect(modeOf(historyDir(dataDir))).toBe(0o700);
    const segments = readdirSync(historyDir(dataDir));
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) expect(modeOf(join(historyDir(dataDir), segment))).toBe(0o600);
  });

  it.runIf(posix)('tightens a data directory an older version left readable to everyone, when it opens it', async () => {
    const dataDir = tempDir();
    saveSettings(dataDir, { ...DEFAULT_SETTINGS, pin: '1234' });
    const old = openHistoryLog(dataDir);
    old.appendSync([{ seq: 1, ts: 1, from: { id: 'a-1', name: 'Ann', kind: 'rich' }, text: 'secret plans' }]);
    old.close();
    const segment = join(historyDir(dataDir), readdirSync(historyDir(dataDir))[0]!);
    for (const [path, mode] of [
      [dataDir, 0o755],
      [historyDir(dataDir), 0o755],
      [settingsPath(dataDir), 0o644],
      [segment, 0o644],
    ] as const) {
      chmodSync(path, mode);
    }
    const { host } = startHost(dataDir);
    await host.start();
    expect([modeOf(dataDir), modeOf(historyDir(dataDir)), modeOf(settingsPath(dataDir)), modeOf(segment)]).toEqual([
      0o700, 0o700, 0o600, 0o600,
    ]);
    expect(host.room.history().map((m) => m.text)).toEqual(['secret plans']);
  });
});

describe('the room id (issue 10, finding 11)', () => {
  const idOf = async (port: number) => {
    const { client, welcome } = await richClient(`ws://127.0.0.1:${port}/`, { name: 'Ann' });
    client.ws.close();
    return welcome.room.id;
  };

  it('stays the same for a data directory, across restarts and port changes', async () => {
    const dataDir = tempDir();
    const { host } = startHost(dataDir);
    await host.start();
    const id = await idOf(host.status().port);
    await host.updateSettings({ port: await freePort() });
    expect(await idOf(host.status().port)).toBe(id);
    await host.stop();
    const { host: again } = startHost(dataDir);
    await again.start();
    expect(await idOf(again.status().port)).toBe(id);
    expect(id).toMatch(/^[\w-]{22}$/);
  });

  it('is new for each run of a room that stores nothing, and kept while that run restarts the room', async () => {
    const runs = [
      new RoomHost({ bindAddress: '127.0.0.1', port: 0, onEvent: () => {} }),
      new RoomHost({ bindAddress: '127.0.0.1', port: 0, onEvent: () => {} }),
    ];
    const ids: string[] = [];
    for (const run of runs) {
      defer(() => run.stop());
      await run.start();
      ids.push(await idOf(run.status().port));
    }
    expect(ids[0]).not.toBe(ids[1]);
    await runs[0]!.updateSettings({ port: await freePort() });
    expect(await idOf(runs[0]!.status().port)).toBe(ids[0]);
  });
});

describe('RoomHost with files', () => {
  it('keeps shared files next to the history: after a restart the message and its bytes are still there', async () => {
    const dataDir = tempDir();
    const first = startHost(dataDir);
    await first.host.start();
    const port = first.host.status().port;
    const base = `http://127.0.0.1:${port}`;
    const { client, welcome } = await richClient(`ws://127.0.0.1:${port}/`, { name: 'Ann' });
    defer(() => client.ws.terminate());
    const bytes = randomBytes(30_000);
    client.json({ type: 'chat', text: 'minutes', files: [await upload(base, welcome.session, bytes, 'minutes.pdf', 'application/pdf')] });
    await client.next((m) => m.type === 'chat');
    // Uploaded, never sent: not kept across the restart.
    const unsent = await upload(base, welcome.session, Buffer.from('draft'));
    expect(readdirSync(join(dataDir, 'files'))).toContain(unsent);
    await first.host.stop();

    const second = startHost(dataDir);
    await second.host.start();
    const [message] = second.host.room.history();
    expect(message).toMatchObject({ text: 'minutes', files: [{ name: 'minutes.pdf', size: 30_000, sha256: sha256(bytes) }] });
    const again = `http://127.0.0.1:${second.host.status().port}`;
    const download = await http(again, 'GET', fileUrl(message!.files![0]!));
    expect(sha256(download.body)).toBe(sha256(bytes));
    expect(readdirSync(join(dataDir, 'files'))).not.toContain(unsent);
    // An export links the file where another device reaches it.
    const json = JSON.parse(formatHistory(second.host.exportableHistory(), 'json', { filesOrigin: again })) as HistoryExport;
    expect(json.messages[0]!.files![0]).toMatchObject({
      name: 'minutes.pdf',
      size: 30_000,
      type: 'application/pdf',
      sha256: sha256(bytes),
    });
    expect(json.messages[0]!.files![0]!.url).toBe(again + fileUrl(message!.files![0]!));
    // Clearing the history deletes the files on disk too.
    second.host.room.clearHistory();
    expect(readdirSync(join(dataDir, 'files')).filter((name) => name !== 'tmp')).toEqual([]);
  });

  it('keeps the files of a memory-only room in a temporary folder it removes when it stops', async () => {
    const host = new RoomHost({ bindAddress: '127.0.0.1', port: 0, onEvent: () => {} });
    defer(() => host.stop());
    await host.start();
    const message = await host.room.shareFiles([{ bytes: new Uint8Array([1, 2, 3]), name: 'a.bin' }]);
    const path = host.room.sharedFile(message.files![0]!.id)!.path;
    expect(existsSync(path)).toBe(true);
    await host.stop();
    expect(existsSync(join(path, '..'))).toBe(false);
  });
});
