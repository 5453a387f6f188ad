// The upgrade handshake: subprotocol negotiation, Host/Origin policy, capacity and the raw PIN.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, eventually, handshakeAnswer, handshakeStatus, rawClient, richClient, startRoom, stopAll } from './helpers.js';

afterEach(stopAll);

describe('subprotocol negotiation', () => {
  it('echoes lws-minimal and lan-chat.v1', async () => {
    const { url } = await startRoom();
    expect((await rawClient(url, 'lws-minimal')).ws.protocol).toBe('lws-minimal');
    expect((await new Client(url, 'lan-chat.v1').open()).ws.protocol).toBe('lan-chat.v1');
  });

  it('picks the first known protocol in the client\'s order', async () => {
    const { url } = await startRoom();
    expect((await new Client(url, ['chat', 'lan-chat.v1', 'lws-minimal']).open()).ws.protocol).toBe('lan-chat.v1');
    expect((await new Client(url, ['x-unknown', 'lws-minimal', 'lan-chat.v1']).open()).ws.protocol).toBe('lws-minimal');
  });

  it('refuses a handshake offering only unknown protocols with 400, never 101', async () => {
    const { url, room } = await startRoom();
    expect(await handshakeStatus(url, ['chat', 'mqtt'])).toBe(400);
    expect(room.clients()).toEqual([]);
  });

  it('accepts a handshake with no subprotocol as lws-minimal', async () => {
    const { url, room } = await startRoom();
    await new Client(url).open();
    await eventually(() => room.clients().length === 1, 'the client to join');
    expect(room.clients().map((c) => c.protocol)).toEqual(['lws-minimal']);
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host (DNS rebinding) with 403', async () => {
    const { url, port } = await startRoom();
    const status = await handshakeStatus(url, 'lws-minimal', {
      headers: { host: `evil.example:${port}` },
      origin: `http://evil.example:${port}`,
    });
    expect(status).toBe(403);
  });

  it('refuses a cross-site Origin and the literal null with 403', async () => {
    const { url } = await startRoom();
    expect(await handshakeStatus(url, 'lws-minimal', { origin: 'http://attacker.example' })).toBe(403);
    expect(await handshakeStatus(url, 'lws-minimal', { origin: 'null' })).toBe(403);
  });

  it('accepts its own page\'s Origin, localhost, and no Origin at all', async () => {
    const { port } = await startRoom();
    expect(await handshakeStatus(`ws://127.0.0.1:${port}/`, 'lws-minimal', { origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await handshakeStatus(`ws://localhost:${port}/`, 'lws-minimal', { origin: `http://localhost:${port}` })).toBe(101);
    expect(await handshakeStatus(`ws://127.0.0.1:${port}/`, 'lws-minimal')).toBe(101);
  });
});

describe('capacity', () => {
  it('answers 503 past maxClients', async () => {
    const { url } = await startRoom({ limits: { maxClients: 2 } });
    await Promise.all([rawClient(url), rawClient(url)]);
    expect(await handshakeStatus(url, 'lws-minimal')).toBe(503);
  });

  it('answers 429 past maxConnectionsPerIp, and frees the slot when a client leaves', async () => {
    const { url, room } = await startRoom({ limits: { maxConnectionsPerIp: 2 } });
    const [a] = await Promise.all([rawClient(url), rawClient(url)]);
    expect(await handshakeStatus(url, 'lws-minimal')).toBe(429);
    a!.ws.close();
    await eventually(() => room.clients().length === 1, 'the client to leave');
    await rawClient(url);
  });
});

describe('PIN for raw clients', () => {
  it('refuses a raw client without ?pin= (401) and accepts the right one', async () => {
    const { url } = await startRoom({ settings: { pin: '2468' } });
    expect(await handshakeStatus(url, 'lws-minimal')).toBe(401);
    expect(await handshakeStatus(`${url}?pin=1111`, 'lws-minimal')).toBe(401);
    const raw = await rawClient(`${url}?pin=2468`);
    raw.send('in');
    await raw.untilCount(1);
    // Rich clients are not refused at the handshake: they learn about the PIN from an error message.
    await richClient(url, { name: 'R', pin: '2468' });
  });

  it('answers 429 to an address after maxPinFailures wrong PINs until the lockout ends; others still get in', async () => {
    const { url } = await startRoom({ settings: { pin: '2468' }, limits: { maxPinFailures: 3, pinLockoutMs: 1000 } });
    // No PIN at all is not a guess.
    for (let i = 0; i < 4; i++) expect(await handshakeStatus(url, 'lws-minimal')).toBe(401);
    for (const pin of ['1', '2', '3']) expect(await handshakeStatus(`${url}?pin=${pin}`, 'lws-minimal')).toBe(401);
    const locked = await handshakeAnswer(`${url}?pin=2468`, 'lws-minimal');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatch(/Too many wrong PINs from 127\.0\.0\.1: wait 1 s/);
    expect(await handshakeStatus(`${url}?pin=2468`, 'lws-minimal', { localAddress: '127.0.0.2' })).toBe(101);
    // The lockout runs from the third wrong PIN; poll until it is over.
    const started = Date.now();
    while ((await handshakeStatus(`${url}?pin=2468`, 'lws-minimal')) === 429) {
      expect(Date.now() - started).toBeLessThan(3000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
});
