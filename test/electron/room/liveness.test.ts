// Liveness: the heartbeat drops a peer that stops answering pings, and a rich client has `helloTimeoutMs`
// to say hello.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, eventually, rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

describe('heartbeat', () => {
  it('drops a peer that stops answering pings', async () => {
    const { url, room } = await startRoom({ limits: { heartbeatMs: 100 } });
    const dead = await new Client(url, 'lws-minimal', { autoPong: false }).open();
    const alive = await rawClient(url);
    expect((await dead.closed).code).toBe(1006);
    await eventually(() => room.clients().length === 1, 'the dead peer to leave');
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
  });

  it('keeps a peer that answers, and pings nobody when the heartbeat is off', async () => {
    const { url } = await startRoom({ limits: { heartbeatMs: 50 } });
    const alive = await rawClient(url);
    let pings = 0;
    alive.ws.on('ping', () => pings++);
    await eventually(() => pings >= 3, 'three pings');
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);

    const { url: quietUrl } = await startRoom({ limits: { heartbeatMs: 0 } });
    const { client } = await richClient(quietUrl);
    let quietPings = 0;
    client.ws.on('ping', () => quietPings++);
    // Another room's pings arriving meanwhile show that time passed.
    const before = pings;
    await eventually(() => pings >= before + 3, 'three more pings elsewhere');
    expect(quietPings).toBe(0);
  });
});

describe('hello deadline', () => {
  it('closes a rich client that never says hello (1008)', async () => {
    const { url } = await startRoom({ limits: { helloTimeoutMs: 100 } });
    const client = await new Client(url, 'lan-chat.v1').open();
    expect((await client.closed).code).toBe(1008);
  });

  it('gives each silent client its own full hello time, and keeps the one that said hello', async () => {
    const { url } = await startRoom({ limits: { helloTimeoutMs: 300 } });
    await new Client(url, 'lan-chat.v1').open();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const late = await new Client(url, 'lan-chat.v1').open();
    const lateOpenedAt = Date.now();
    const { client: greeted } = await richClient(url, { name: 'Greeted' });
    expect((await late.closed).code).toBe(1008);
    expect(Date.now() - lateOpenedAt).toBeGreaterThanOrEqual(250);
    expect(greeted.ws.readyState).toBe(greeted.ws.OPEN);
  });
});
