// Every limit of DESIGN.md "Security and limits", each with its close code or error.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, resolveLimits } from '../../common/limits.js';
import { Client, eventually, rawClient, richClient, startRoom, stopAll } from './helpers.js';

afterEach(stopAll);

describe('resolveLimits', () => {
  it('merges overrides into the defaults', () => {
    expect(resolveLimits({ maxClients: 5 })).toEqual({ ...DEFAULT_LIMITS, maxClients: 5 });
    expect(resolveLimits({ heartbeatMs: 0 }).heartbeatMs).toBe(0);
  });

  it('rejects unknown names and values out of range', () => {
    expect(() => resolveLimits({ maxClient: 5 } as never)).toThrow(/unknown limit "maxClient"/);
    expect(() => resolveLimits({ maxClients: 0 })).toThrow(/maxClients/);
    expect(() => resolveLimits({ rateBurst: 1.5 })).toThrow(/rateBurst/);
    expect(() => resolveLimits({ maxMessageBytes: Number.NaN })).toThrow(/maxMessageBytes/);
    expect(() => resolveLimits({ headersTimeoutMs: 20_000, requestTimeoutMs: 10_000 })).toThrow(/requestTimeoutMs/);
  });
});

describe('frame limits', () => {
  it('relays a message of exactly maxMessageBytes and closes one byte over with 1009', async () => {
    const { url } = await startRoom();
    const [sender, other] = await Promise.all([rawClient(url), rawClient(url)]);
    sender.send('a'.repeat(DEFAULT_LIMITS.maxMessageBytes));
    await other.untilCount(1);
    expect(other.received[0]!.length).toBe(16384);
    sender.send('a'.repeat(DEFAULT_LIMITS.maxMessageBytes + 1));
    expect((await sender.closed).code).toBe(1009);
    expect(other.received).toHaveLength(1);
  });

  it('closes on invalid UTF-8 with 1007', async () => {
    const { url } = await startRoom();
    const client = await rawClient(url);
    client.send(Buffer.from([0x68, 0x69, 0xff, 0xfe]), false);
    expect((await client.closed).code).toBe(1007);
  });

  it('closes on a binary frame with 1003', async () => {
    const { url } = await startRoom();
    const client = await rawClient(url);
    client.send(Buffer.from('binary'), true);
    expect((await client.closed).code).toBe(1003);
  });

  it('closes a fragment flood with 1008', async () => {
    const { url } = await startRoom();
    const client = await rawClient(url);
    for (let i = 0; i < DEFAULT_LIMITS.maxFragments + 10; i++) client.ws.send('x', { fin: false });
    expect((await client.closed).code).toBe(1008);
  });
});

describe('message rate', () => {
  it('lets one connection send a burst of 200 and then 100/s for 2 s with no loss and no disconnect', async () => {
    const { url } = await startRoom();
    const [sender, reader] = await Promise.all([rawClient(url), rawClient(url)]);
    const sent: string[] = [];
    const send = () => {
      const text = `m${sent.length}`;
      sent.push(text);
      sender.send(text);
    };
    for (let i = 0; i < DEFAULT_LIMITS.rateBurst; i++) send();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        send();
        if (sent.length === 400) {
          clearInterval(timer);
          resolve();
        }
      }, 1000 / DEFAULT_LIMITS.ratePerSecond);
    });
    await reader.untilCount(400);
    expect(reader.texts()).toEqual(sent);
    expect(sender.ws.readyState).toBe(sender.ws.OPEN);
  });

  it('slows a sender past the rate by pausing reads, losing nothing', async () => {
    const { url } = await startRoom({ limits: { rateBurst: 10, ratePerSecond: 40 } });
    const { client: sender } = await richClient(url, { name: 'Fast' });
    const raw = await rawClient(url);
    const started = Date.now();
    for (let i = 0; i < 50; i++) sender.json({ type: 'chat', text: `n${i}` });
    await raw.untilCount(50);
    // 40 messages over the burst at 40/s take about a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(raw.texts()).toEqual(Array.from({ length: 50 }, (_, i) => `Fast: n${i}`));
    expect(sender.messages().filter((m) => m.type === 'error')).toMatchObject([{ code: 'rate-limited' }]);
    expect(sender.ws.readyState).toBe(sender.ws.OPEN);
  });

  it('closes a flooding connection with 1008 once its held queue overflows', async () => {
    const { url, room } = await startRoom();
    const [flooder, reader] = await Promise.all([rawClient(url), rawClient(url)]);
    for (let i = 0; i < 5000; i++) flooder.send(`f${i}`);
    expect((await flooder.closed).code).toBe(1008);
    // The room finishes the closing handshake at once (reads resume for it), freeing the slot.
    await eventually(() => room.clients().length === 1, 'the flooder to be gone', 3000);
    // What was accepted before the flood went over the limit arrived whole and in order.
    await reader.untilCount(DEFAULT_LIMITS.rateBurst);
    expect(reader.texts().slice(0, 3)).toEqual(['f0', 'f1', 'f2']);
  });
});

describe('slow consumers and dead peers', () => {
  it('drops a client that stops reading once its buffered bytes pass the cap; others get everything', async () => {
    const { url, room } = await startRoom({ limits: { maxBufferedBytesPerClient: 64 * 1024 } });
    const stalled = await rawClient(url);
    const healthy = await rawClient(url);
    // Stop reading on the client side: the kernel buffers fill, then the room's socket buffer grows.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = 'z'.repeat(16_000);
    let sent = 0;
    while (room.clients().length === 2 && sent < 4000) {
      for (let i = 0; i < 20; i++) room.send(text);
      sent += 20;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(room.clients()).toHaveLength(1);
    await healthy.untilCount(sent, 20_000);
    expect(healthy.received.every((b) => b.length === 'Host: '.length + 16_000)).toBe(true);
  });

  it('drops a peer that stops answering pings', async () => {
    const { url, room } = await startRoom({ limits: { heartbeatMs: 100 } });
    const dead = await new Client(url, 'lws-minimal', { autoPong: false }).open();
    const alive = await rawClient(url);
    expect((await dead.closed).code).toBe(1006);
    await eventually(() => room.clients().length === 1, 'the dead peer to leave');
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
  });
});
