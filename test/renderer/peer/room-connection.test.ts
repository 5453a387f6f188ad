// The page's socket and its reconnect loop (RoomConnection) on the `ws` package, against a real room on
// 127.0.0.1 (a plain `ws` server where a room must stay silent or show the close codes it gets): hello
// on each socket, frames passed on, writing only while open, the welcome's deadline, the heartbeat,
// the backoff, and sockets closed or replaced that report nothing more.
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { CloseCode } from '../../../common/protocol.js';
import { usePeerClients } from '../../support/peer-client.js';
import { startProxy } from '../../support/tcp-proxy.js';

const { defer, startRoom, startConnection, startWsServer } = usePeerClients();

afterEach(() => {
  vi.useRealTimers();
});

/** Resolves once `socket` (the client's own) has closed. */
async function closedSocket(socket: WebSocket | undefined): Promise<void> {
  if (socket === undefined) throw new Error('no such socket');
  if (socket.readyState !== socket.CLOSED) await once(socket, 'close');
}

describe('a socket to the room', () => {
  it('says hello as it opens, passes every frame on, and writes only while open', async () => {
    const { room, wsUrl } = await startRoom();
    const alice = startConnection(wsUrl);
    expect(alice.connection.write({ type: 'typing', typing: true })).toBe(false);
    alice.connection.open();
    // Still connecting: nothing can go yet.
    expect(alice.connection.write({ type: 'typing', typing: true })).toBe(false);
    const welcome = await alice.frames.next((f) => f.type === 'welcome');
    expect(welcome).toMatchObject({ you: { name: 'Alice' } });
    expect(alice.hellos()).toBe(1);

    expect(alice.connection.write({ type: 'chat', text: 'hi', clientMsgId: 'c1' })).toBe(true);
    await alice.frames.next((f) => f.type === 'chat' && f.text === 'hi');
    room.send('from the host');
    await alice.frames.next((f) => f.type === 'chat' && f.text === 'from the host');
    expect(room.history().map((m) => m.text)).toEqual(['hi', 'from the host']);
  });

  it('replaces its socket on a new attempt: the new one says hello, the old one reports nothing more', async () => {
    const { wsUrl } = await startRoom();
    const alice = startConnection(wsUrl);
    await alice.join();
    await alice.join();
    await closedSocket(alice.sockets[0]);
    expect(alice.hellos()).toBe(2);
    expect(alice.closes.list).toEqual([]);
  });

  it('says false when no socket can be made, so the caller retries later', () => {
    const nowhere = startConnection('not a WebSocket address');
    expect(nowhere.connection.open()).toBe(false);
    expect(nowhere.closes.list).toEqual([]);
  });

  it('closes a socket the room does not welcome within 10 s, and reports it closed', async () => {
    const silent = await startWsServer();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const alice = startConnection(silent.url);
    alice.connection.open();
    await silent.received.next((m) => m.type === 'hello');
    vi.advanceTimersByTime(9_999);
    // Still open: a frame from the room gets through.
    for (const ws of silent.server.clients) ws.send(JSON.stringify({ type: 'pong' }));
    await alice.frames.next((f) => f.type === 'pong');
    expect(alice.closes.list).toEqual([]);
    vi.advanceTimersByTime(1);
    await silent.closed.next();
    expect(await alice.closes.next()).toBe(1005);
  });

  it('drop() reports the connection closed at once and closes it as a drop, not a leave; close(code) reports nothing', async () => {
    const server = await startWsServer();
    const alice = startConnection(server.url);
    alice.connection.open();
    await server.received.next((m) => m.type === 'hello');
    alice.connection.drop();
    expect(alice.closes.list).toEqual([1006]);
    // "Reconnecting": the room keeps the person's place for the resume.
    expect(await server.closed.next()).toBe(CloseCode.reconnecting);
    await closedSocket(alice.sockets[0]);
    expect(alice.closes.list).toEqual([1006]);

    alice.connection.open();
    await server.received.next((m) => m.type === 'hello', 1);
    alice.connection.close(CloseCode.normal);
    expect(await server.closed.next(() => true, 1)).toBe(CloseCode.normal);
    await closedSocket(alice.sockets[1]);
    expect(alice.closes.list).toEqual([1006]);
  });
});

describe('the heartbeat', () => {
  it('pings a quiet room and stays while the pongs come; drops a link gone silent', async () => {
    const { port } = await startRoom({ limits: { heartbeatMs: 400, resumeGraceMs: 60_000 } });
    const proxy = await startProxy(port);
    defer(() => proxy.close());
    const alice = startConnection(`ws://127.0.0.1:${proxy.port}/`);
    await alice.join();
    const pongs = () => alice.frames.list.filter((f) => f.type === 'pong').length;
    // Three pings answered, each after half an interval of silence: the connection stays.
    await alice.frames.next(() => pongs() >= 3);
    expect(alice.closes.list).toEqual([]);

    // Nothing gets through any more, and no close comes either (a phone that lost Wi-Fi).
    proxy.stall();
    expect(await alice.closes.next()).toBe(1006);
    proxy.unstall();
    await closedSocket(alice.sockets[0]);
    expect(alice.closes.list).toEqual([1006]);
  });
});

describe('the backoff between attempts', () => {
  /** The delay `retryLater` chose (`retry` runs after it), in ms. */
  const waits = (alice: ReturnType<typeof startConnection>, retry: () => void = () => {}) =>
    alice.connection.retryLater(retry) - Date.now();
  /** Attempt `n`'s delay is 0.5 s doubled `n` times, give or take a quarter (and a millisecond of clock). */
  const expectAttempt = (ms: number, n: number) => {
    expect(ms).toBeGreaterThanOrEqual(375 * 2 ** n - 1);
    expect(ms).toBeLessThanOrEqual(625 * 2 ** n);
  };

  it('waits about 0.5 s, doubling, and from the start again after a welcome or the person’s own step', async () => {
    const { room, port, wsUrl } = await startRoom();
    await room.close();
    const alice = startConnection(wsUrl);
    alice.connection.open();
    expect(await alice.closes.next()).toBe(1006);

    let retryAt = 0;
    const retried = await new Promise<number>((resolve) => {
      retryAt = alice.connection.retryLater(() => resolve(Date.now()));
      expectAttempt(retryAt - Date.now(), 0);
    });
    expect(retried).toBeGreaterThanOrEqual(retryAt - 1);
    expectAttempt(waits(alice), 1);
    expectAttempt(waits(alice), 2);
    alice.connection.resetBackoff();
    expectAttempt(waits(alice), 0);
    expectAttempt(waits(alice), 1);

    await startRoom({ port });
    await alice.join();
    expectAttempt(waits(alice), 0);
  });

  it('runs the retry at its time, and never once closed', () => {
    vi.useFakeTimers();
    const alice = startConnection('ws://127.0.0.1:9/');
    let retried = 0;
    alice.connection.retryLater(() => retried++);
    alice.connection.close();
    vi.advanceTimersByTime(60_000);
    expect(retried).toBe(0);

    const wait = waits(alice, () => retried++);
    vi.advanceTimersByTime(wait - 1);
    expect(retried).toBe(0);
    vi.advanceTimersByTime(1);
    expect(retried).toBe(1);
  });
});
