// The room under load: a thousand readers and one client that never reads (dropped at its buffered cap
// while everyone else gets everything), a client flooding messages (slowed, nothing lost, nobody else
// delayed), and connection floods against the max-clients and per-IP caps (clear HTTP refusals).
import { once } from 'node:events';
import { afterEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { Limits } from '../../../common/limits.js';
import { RICH_PROTOCOL, type ChatBroadcast, type ErrorMessage, type ServerMessage } from '../../../common/protocol.js';
import { Room } from '../../../electron/room/room.js';
import type { PresenceEvent } from '../../../common/model.js';
import { RawClient, encodeFrame, handshakeRequest, Opcode, openRaw, sendText, type FrameTally } from '../../support/raw-ws.js';
import { RssSampler } from '../../support/rss.js';

const rooms: Room[] = [];
const clients: RawClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(rooms.splice(0).map((room) => room.close()));
});

async function startRoom(limits: Partial<Limits>): Promise<{ room: Room; port: number }> {
  const room = new Room({ bindAddress: '127.0.0.1', port: 0, limits });
  rooms.push(room);
  const { port } = await room.listen();
  return { room, port };
}

/** Opens `count` raw lws-minimal clients, `batch` handshakes at a time. */
async function openMany(port: number, count: number, batch = 100): Promise<RawClient[]> {
  const opened: RawClient[] = [];
  for (let start = 0; start < count; start += batch) {
    const some = await Promise.all(Array.from({ length: Math.min(batch, count - start) }, () => openRaw(port)));
    opened.push(...some);
    clients.push(...some);
  }
  return opened;
}

/** Statuses answered to `count` simultaneous handshakes (101s stay open until the test ends). */
async function handshakeStatuses(port: number, count: number, localAddress?: string): Promise<{ status: number; body: string }[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = await RawClient.connect(port, localAddress);
      clients.push(client);
      client.write(handshakeRequest(port));
      const response = await client.readResponse();
      return { status: response?.status ?? 0, body: response?.body ?? '' };
    }),
  );
}

function countBy<T>(items: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

describe('a client that never reads', () => {
  test('among 1,000 readers it is dropped at its buffered cap while every reader receives everything', async () => {
    const READERS = 1_000;
    const SIZE = 60 * 1024;
    /** About twice what the kernel and the cap hold together: a room that never drops fails here. */
    const MAX_MESSAGES = 140;
    // The kernel absorbs a few MB for a socket that does not read (~4 MB on Linux loopback) before the
    // room's own buffer grows, so the cap is kept small and the messages big.
    const { room, port } = await startRoom({
      maxConnections: READERS + 10,
      maxConnectionsPerIp: READERS + 10,
      maxMessageBytes: SIZE,
      maxBufferedBytesPerClient: 128 * 1024,
    });
    const rss = new RssSampler();
    const readers = await openMany(port, READERS);
    const tallies: FrameTally[] = readers.map((reader) => reader.tally());

    const joined = once(room, 'presence') as Promise<[PresenceEvent]>;
    const stalled = await openRaw(port);
    clients.push(stalled);
    const [{ participant: stalledParticipant }] = await joined;
    stalled.socket.pause();
    const leaves: PresenceEvent[] = [];
    room.on('presence', (event) => {
      if (event.type === 'leave') leaves.push(event);
    });

    // The first reader also sends, one message per tick (it waits for its own copy), so the stalled
    // client's backlog crosses the cap between ticks; five more go out after it is dropped.
    const sender = tallies[0]!;
    let sent = 0;
    let afterDrop = 0;
    while (afterDrop < 5 && sent < MAX_MESSAGES) {
      const tag = `#${String(sent).padStart(5, '0')} `;
      sendText(readers[0]!, tag + 'x'.repeat(SIZE - tag.length));
      sent++;
      await sender.reached(sent);
      if (leaves.length > 0) afterDrop++;
    }

    expect(leaves.map((e) => e.participant.id)).toEqual([stalledParticipant.id]);
    expect(leaves[0]).toMatchObject({ type: 'leave', reason: 'error' });
    const tags = Array.from({ length: sent }, (_, i) => `#${String(i).padStart(5, '0')} x`);
    await expect.poll(() => tallies.filter((t) => t.frames === sent).length, { timeout: 10_000 }).toBe(READERS);
    for (const tally of tallies) expect(tally.heads.map((head) => head.slice(0, 8))).toEqual(tags);
    const memory = rss.stop();

    // What the stalled client still gets is what sat in kernel buffers before the drop, then the end.
    const stalledTally = stalled.tally();
    stalled.socket.resume();
    await stalled.waitForEnd(5_000);
    expect(stalledTally.frames).toBeLessThan(sent);
    expect(room.status().clientCount).toBe(READERS);
    console.info(
      `slow consumer: readers=${READERS} messages=${sent} x ${SIZE} B, stalled client got ${stalledTally.frames} before the drop, rss=${JSON.stringify(memory)}`,
    );
    // The room shares this process with 1,001 test clients; what matters is that nothing grows per message.
    expect(memory.peakMb - memory.beforeMb).toBeLessThan(200);
  });
});

describe('a client flooding messages', () => {
  test('is slowed to the rate, loses nothing, and does not delay anyone else', async () => {
    const RATE = 200;
    const BURST = 20;
    const FLOOD = 300;
    const { port } = await startRoom({ rateBurst: BURST, ratePerSecond: RATE, maxQueuedMessages: 1_000 });
    const [flooder, victim, observer] = await openMany(port, 3);
    const arrivals = new Map<string, number>();
    void (async () => {
      for (let text = await observer!.nextText(20_000); text !== null; text = await observer!.nextText(20_000))
        arrivals.set(text, performance.now());
    })().catch(() => {});

    const started = performance.now();
    flooder!.write(Buffer.concat(Array.from({ length: FLOOD }, (_, i) => encodeFrame({ opcode: Opcode.text, payload: `flood ${i}` }))));
    const sentAt: number[] = [];
    for (let i = 0; i < 10; i++) {
      sentAt.push(performance.now());
      sendText(victim!, `victim ${i}`);
      await expect.poll(() => arrivals.has(`victim ${i}`), { timeout: 2_000, interval: 5 }).toBe(true);
    }
    await expect.poll(() => arrivals.has(`flood ${FLOOD - 1}`), { timeout: 10_000 }).toBe(true);

    const flood = [...arrivals.keys()].filter((text) => text.startsWith('flood '));
    expect(flood).toEqual(Array.from({ length: FLOOD }, (_, i) => `flood ${i}`));
    const floodTook = arrivals.get(`flood ${FLOOD - 1}`)! - started;
    // Past the burst the flood drains at the rate: (300 - 20) / 200 per s = 1.4 s, not at once.
    expect(floodTook).toBeGreaterThan(((FLOOD - BURST) / RATE) * 1000 * 0.8);
    const victimLatency = sentAt.map((at, i) => arrivals.get(`victim ${i}`)! - at);
    expect(Math.max(...victimLatency)).toBeLessThan(500);
    expect(flooder!.closed).toBe(false);
    console.info(
      `flood: ${FLOOD} messages drained in ${Math.round(floodTook)} ms; other client's worst latency ${Math.round(Math.max(...victimLatency))} ms`,
    );
  });

  test('a rich flooder is told it is rate-limited, stays connected, and every message still arrives', async () => {
    const { port } = await startRoom({ rateBurst: 10, ratePerSecond: 200 });
    const rich = new WebSocket(`ws://127.0.0.1:${port}/`, RICH_PROTOCOL);
    try {
      const received: ServerMessage[] = [];
      rich.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
      await once(rich, 'open');
      rich.send(JSON.stringify({ type: 'hello', v: 1, name: 'Flooder' }));
      await expect.poll(() => received.some((m) => m.type === 'welcome')).toBe(true);
      for (let i = 0; i < 60; i++) rich.send(JSON.stringify({ type: 'chat', text: `rich flood ${i}` }));
      await expect.poll(() => received.filter((m) => m.type === 'chat').length, { timeout: 5_000 }).toBe(60);
      expect(received.filter((m) => m.type === 'chat').map((m) => (m as ChatBroadcast).text)).toEqual(
        Array.from({ length: 60 }, (_, i) => `rich flood ${i}`),
      );
      // One notice per pause; how many pauses depends on how TCP splits the burst.
      const errors = received.filter((m) => m.type === 'error').map((m) => (m as ErrorMessage).code);
      expect(errors.length).toBeGreaterThan(0);
      expect(new Set(errors)).toEqual(new Set(['rate-limited']));
      expect(rich.readyState).toBe(WebSocket.OPEN);
    } finally {
      rich.terminate();
    }
  });

  test('past the queue it may hold, the flooder is closed with 1008', async () => {
    const { port } = await startRoom({ rateBurst: 10, ratePerSecond: 100, maxQueuedMessages: 50 });
    const [flooder, bystander] = await openMany(port, 2);
    flooder!.write(Buffer.concat(Array.from({ length: 200 }, (_, i) => encodeFrame({ opcode: Opcode.text, payload: `flood ${i}` }))));
    expect((await flooder!.waitForClose()).code).toBe(1008);
    sendText(bystander!, 'still fine');
    let text: string | null;
    do text = await bystander!.nextText();
    while (text !== null && text.startsWith('flood '));
    expect(text).toBe('still fine');
  });
});

describe('connection floods', () => {
  test('past max clients every extra handshake gets 503, and a freed slot is usable again', async () => {
    const { port } = await startRoom({ maxConnections: 50, maxConnectionsPerIp: 1_000 });
    const answers = await handshakeStatuses(port, 200);
    expect(countBy(answers.map((a) => a.status))).toEqual(
      new Map([
        [101, 50],
        [503, 150],
      ]),
    );
    expect(answers.find((a) => a.status === 503)?.body).toMatch(/room is full/i);

    clients.find((c) => !c.closed)!.destroy();
    await expect.poll(async () => (await handshakeStatuses(port, 1))[0]!.status, { timeout: 3_000 }).toBe(101);
  });

  test('past the per-IP cap an address gets 429 while another address still gets in', async () => {
    const { port } = await startRoom({ maxConnections: 1_000, maxConnectionsPerIp: 20 });
    const answers = await handshakeStatuses(port, 100, '127.0.0.1');
    expect(countBy(answers.map((a) => a.status))).toEqual(
      new Map([
        [101, 20],
        [429, 80],
      ]),
    );
    expect(answers.find((a) => a.status === 429)?.body).toMatch(/too many connections/i);
    expect((await handshakeStatuses(port, 1, '127.0.0.2'))[0]!.status).toBe(101);
  });
});
