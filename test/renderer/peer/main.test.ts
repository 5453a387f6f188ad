// The page as main.tsx wires it (the room client on the browser's WebSocket, woken by the browser's
// "online" event, told by its "offline" event), in real Chromium: it survives the room going away,
// reconnects on its own, resumes from its last sequence number (nothing missing, nothing twice),
// delivers what was typed offline exactly once, says truthfully when it is offline (others see the
// person as away), and lets one person keep two tabs. The same rules without a browser are in
// room-client.test.ts.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openHistoryLog } from '../../../electron/room/history-log.js';
import type { HistoryLog } from '../../../electron/room/history-log.js';
import {
  confirmedTexts,
  log,
  messageBox,
  people,
  say,
  startRoom,
  usePeerPages,
  type PeerPage,
  type RunningRoom,
} from '../../support/peer-pages.js';
import { startProxy } from '../../support/tcp-proxy.js';
import { roomIdOf } from '../../../electron/room/room-id.js';

const pages = usePeerPages();
let dataDir: string;
let historyLog: HistoryLog;
/** The rooms of the running test; a restart replaces its room here. */
const rooms: RunningRoom[] = [];

afterEach(async () => {
  for (const { room } of rooms.splice(0)) await room.close();
  historyLog?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A room whose messages go to the shared on-disk log, so a restarted room knows them. */
async function roomOn(port = 0): Promise<RunningRoom> {
  // One room restarting: the same data directory, so the same room id.
  const running = await startRoom({ port, historyLog, roomId: roomIdOf(dataDir) });
  rooms.push(running);
  return running;
}

async function restart(running: RunningRoom, whileDown: () => Promise<void> = async () => {}): Promise<RunningRoom> {
  await running.room.close();
  rooms.splice(rooms.indexOf(running), 1);
  await whileDown();
  return roomOn(running.port);
}

const connection = (peer: PeerPage) => peer.page.locator('.connection');

function setup() {
  dataDir = mkdtempSync(joinPath(tmpdir(), 'lan-chat-peer-'));
  historyLog = openHistoryLog(dataDir);
}

it('reconnects after the room restarts on the same port and resumes with nothing missing or doubled', async () => {
  setup();
  const first = await roomOn();
  const alice = await pages.joinAs(`${first.url}?lang=en`, 'Alice');
  const bob = await pages.joinAs(`${first.url}?lang=en`, 'Bob');
  await say(alice.page, 'before 1');
  await say(bob.page, 'before 2');
  await expect.poll(() => confirmedTexts(alice.page)).toEqual(['before 1', 'before 2']);

  const second = await restart(first, async () => {
    // Both pages notice and say so.
    await expect.poll(() => connection(alice).getAttribute('class')).toContain('connection-waiting');
  });
  await expect.poll(() => connection(alice).textContent(), { timeout: 15_000 }).toContain('Connected');
  await expect.poll(() => connection(bob).textContent(), { timeout: 15_000 }).toContain('Connected');
  second.room.send('from the restarted host');
  await say(bob.page, 'after 1');
  const expected = ['before 1', 'before 2', 'from the restarted host', 'after 1'];
  await expect.poll(() => confirmedTexts(alice.page)).toEqual(expected);
  await expect.poll(() => confirmedTexts(bob.page)).toEqual(expected);
});

it('resumes a network blip from its last sequence number: missed messages arrive once, with no leave/join churn', async () => {
  setup();
  const running = await roomOn();
  const proxy = await startProxy(running.port);
  try {
    const alice = await pages.joinAs(`http://127.0.0.1:${proxy.port}/?lang=en`, 'Alice');
    const bob = await pages.joinAs(`${running.url}?lang=en`, 'Bob');
    await say(alice.page, 'one');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['one']);

    // The network between Alice and the room goes away and stays away for a while.
    proxy.setUp(false);
    await expect.poll(() => connection(alice).getAttribute('class')).toContain('connection-waiting');
    running.room.send('two');
    await say(bob.page, 'three');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['one', 'two', 'three']);

    // Back: the "online" event makes the page retry at once rather than after its backoff.
    proxy.setUp(true);
    await alice.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => confirmedTexts(alice.page), { timeout: 5_000 }).toEqual(['one', 'two', 'three']);
    await say(alice.page, 'four');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['one', 'two', 'three', 'four']);
    // The room kept Alice's place during the blip: nobody saw her leave and come back.
    expect(await bob.page.locator('li.system').allTextContents()).toEqual([]);
  } finally {
    await proxy.close();
  }
});

it('queues messages typed while the room is down and delivers each exactly once when it is back', async () => {
  setup();
  const first = await roomOn();
  const alice = await pages.joinAs(`${first.url}?lang=en`, 'Alice');
  const bob = await pages.joinAs(`${first.url}?lang=en`, 'Bob');
  await say(alice.page, 'online');
  await expect.poll(() => confirmedTexts(bob.page)).toEqual(['online']);

  await restart(first, async () => {
    await expect.poll(() => connection(alice).getAttribute('class')).toContain('connection-waiting');
    await say(alice.page, 'queued 1');
    await say(alice.page, 'queued 2');
    // Shown at once, marked as waiting for the connection.
    const pending = alice.page.locator('li.pending');
    await expect.poll(() => pending.count()).toBe(2);
    expect(await pending.first().textContent()).toContain('Waiting for the connection');
    expect(await messageBox(alice.page).inputValue()).toBe('');
  });
  const expected = ['online', 'queued 1', 'queued 2'];
  await expect.poll(() => confirmedTexts(alice.page), { timeout: 15_000 }).toEqual(expected);
  await expect.poll(() => confirmedTexts(bob.page), { timeout: 15_000 }).toEqual(expected);
  expect(await alice.page.locator('li.pending').count()).toBe(0);
  // And the room stored each once.
  expect(rooms[0]!.room.history().map((m) => m.text)).toEqual(expected);
});

it('does not send its PIN on its own when another room answers at the address, and says so (issue 10, finding 11)', async () => {
  setup();
  const first = await startRoom({ historyLog, roomId: roomIdOf(dataDir), settings: { pin: 'k7m2q9' } });
  const alice = await pages.joinAs(`${first.url}?lang=en&pin=k7m2q9`, 'Alice');
  await first.room.close();

  // Something else now answers at the same address, asking for a PIN as a room would.
  const hellos: Record<string, unknown>[] = [];
  const impostor = new WebSocketServer({ host: '127.0.0.1', port: first.port, handleProtocols: () => 'lan-chat.v1' });
  await once(impostor, 'listening');
  impostor.on('connection', (ws) => {
    ws.once('message', (data) => {
      hellos.push(JSON.parse(String(data)) as Record<string, unknown>);
      ws.send(JSON.stringify({ type: 'error', code: 'pin-required', message: 'PIN?', roomId: 'someone-elses-room-01' }));
      ws.close(4001);
    });
  });
  try {
    const alert = alice.page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('This is not the room you were in');
    expect(hellos.length).toBeGreaterThan(0);
    expect(hellos.filter((hello) => 'pin' in hello)).toEqual([]);
  } finally {
    await new Promise((resolve) => impostor.close(resolve));
  }
});

/** A room whose heartbeat (and so the page's) is quick, so that a dead link shows within a second or two. */
async function quickRoom(): Promise<RunningRoom> {
  const running = await startRoom({ limits: { heartbeatMs: 600, resumeGraceMs: 600, awayMs: 60_000 } });
  rooms.push(running);
  return running;
}

const personEntry = (peer: PeerPage, name: string) => people(peer.page).filter({ hasText: name });

it('says "Offline – reconnecting…" when the phone goes offline, marks what is typed as waiting, shows the person away to others, and delivers it all once back', async () => {
  const running = await quickRoom();
  const proxy = await startProxy(running.port);
  try {
    const alice = await pages.joinAs(`http://127.0.0.1:${proxy.port}/?lang=en`, 'Alice');
    const bob = await pages.joinAs(`${running.url}?lang=en`, 'Bob');
    await expect.poll(() => connection(alice).textContent()).toContain('Connected');

    // The phone loses its network: the browser says so, and the link carries nothing any more.
    await alice.page.context().setOffline(true);
    proxy.stall();
    await expect.poll(() => connection(alice).textContent()).toContain('Offline – reconnecting…');
    await say(alice.page, 'typed while offline');
    const pending = alice.page.locator('li.pending');
    await expect.poll(() => pending.textContent()).toContain('Waiting for the connection');
    // The room notices too: after its resume grace Alice shows as away to the others, still in the room.
    await expect.poll(() => personEntry(bob, 'Alice').textContent(), { timeout: 10_000 }).toContain('Away');
    expect(await people(bob.page).count()).toBe(3);

    await alice.page.context().setOffline(false);
    proxy.unstall();
    await expect.poll(() => connection(alice).textContent(), { timeout: 10_000 }).toContain('Connected');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['typed while offline']);
    await expect.poll(() => personEntry(bob, 'Alice').textContent()).not.toContain('Away');
    expect(await pending.count()).toBe(0);
    // Away and back are the People list's business: no leave, join or other line in the log.
    expect(await log(bob.page).locator('li.system').count()).toBe(0);
    expect(running.room.history().map((m) => m.text)).toEqual(['typed while offline']);
  } finally {
    await proxy.close();
  }
});

it('notices a link that died without a word (no offline event, no close) by its own heartbeat', async () => {
  const running = await quickRoom();
  const proxy = await startProxy(running.port);
  try {
    const alice = await pages.joinAs(`http://127.0.0.1:${proxy.port}/?lang=en`, 'Alice');
    await expect.poll(() => connection(alice).textContent()).toContain('Connected');
    proxy.stall();
    await expect.poll(() => connection(alice).textContent(), { timeout: 5_000 }).toContain('Offline – reconnecting…');
    proxy.unstall();
    await expect.poll(() => connection(alice).textContent(), { timeout: 15_000 }).toContain('Connected');
  } finally {
    await proxy.close();
  }
});

it('keeps both tabs when the link is opened a second time (a QR code scanned again): one person, both in the room', async () => {
  const running = await quickRoom();
  const first = await pages.joinAs(`${running.url}?lang=en`, 'Alice');
  // The same browser, a new tab: it goes straight in with the session it remembers.
  const second = first.page.context();
  const tab = await second.newPage();
  await tab.goto(`${running.url}?lang=en`);
  await messageBox(tab).waitFor();
  await say(tab, 'from the second tab');
  await say(first.page, 'from the first tab');
  for (const page of [first.page, tab]) {
    await expect.poll(() => confirmedTexts(page)).toEqual(['from the second tab', 'from the first tab']);
    await expect.poll(() => people(page).allInnerTexts()).toEqual([expect.stringContaining('Host'), expect.stringContaining('Alice')]);
  }
  expect(await first.page.getByRole('textbox', { name: 'Your name', exact: true }).count()).toBe(0);
  await expect.poll(() => connection(first).textContent()).toContain('Connected');
  expect(running.room.clients().map((c) => c.name)).toEqual(['Alice']);
});
