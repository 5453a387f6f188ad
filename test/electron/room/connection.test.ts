// Connections: their count per address, the rate limit that pauses reads instead of dropping messages,
// and frames no protocol takes (binary).
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { eventually, handshakeStatus, rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

describe('frames', () => {
  it('closes on a binary frame with 1003', async () => {
    const { url } = await startRoom();
    const client = await rawClient(url);
    client.send(Buffer.from('binary'), true);
    expect((await client.closed).code).toBe(1003);
  });

  it('ignores what a connection sends after the room has ended it', async () => {
    const { url, room } = await startRoom();
    const watcher = await rawClient(url);
    const other = await rawClient(url);
    room.kick(room.clients()[1]!.id);
    other.send('after the kick');
    watcher.send('still here');
    await watcher.until(() => watcher.texts().includes('still here'));
    // The room says who the host removed (a raw client's only system line); nothing the kicked client sent.
    expect(watcher.texts()).toEqual(['* Guest 2 was removed by the host', 'still here']);
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

describe('counting', () => {
  it('counts connections per address and forgets them as they close', async () => {
    const { url, room } = await startRoom({ limits: { maxConnectionsPerIp: 2 } });
    const a = await rawClient(url);
    await rawClient(url);
    expect(await handshakeStatus(url, 'lws-minimal')).toBe(429);
    expect(await handshakeStatus(url, 'lws-minimal', { localAddress: '127.0.0.2' })).toBe(101);
    a.ws.close(1000);
    await eventually(() => room.clients().length === 1, 'the first client to leave');
    const { client } = await richClient(url, { name: 'Back' });
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });
});
