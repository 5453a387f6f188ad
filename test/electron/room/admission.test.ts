// Admission: the ordered checks a WebSocket handshake passes before `ws` answers it, and the raw
// clients' PIN. Through a real room where a client can see it; the order of the rules as a list.
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { admit, roomAdmission, type AdmissionContext, type Upgrade } from '../../../electron/room/admission.js';
import { PinCheck } from '../../../electron/room/pin-check.js';
import { PinGuard } from '../../../electron/room/pin-guard.js';
import { eventually, handshakeAnswer, handshakeStatus, rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

/** What a test changes of a handshake. */
type Change = { -readonly [K in keyof Upgrade]?: Upgrade[K] } & { origin?: string };

/** A well-formed raw handshake from 10.0.0.7 to a room at 10.0.0.1:7681; `change` spoils it. */
function upgrade(change: Change = {}): Upgrade {
  const { origin, ...rest } = change;
  const req = { headers: origin === undefined ? {} : { origin } } as IncomingMessage;
  return { req, host: '10.0.0.1:7681', address: '10.0.0.7', sender: '10.0.0.7', protocol: 'lws-minimal', urlPin: null, ...rest };
}

/** The door's answer when nothing keeps a newcomer out. */
const OPEN_DOOR = { doorRefusal: () => null };

/** The room's rules over counts, a PIN and a closed door (a ban or the lock) the test sets. */
function rules(state: { open?: boolean; size?: number; fromAddress?: number; pin?: string | null; locked?: boolean } = {}) {
  const context: AdmissionContext = {
    open: () => state.open ?? true,
    connections: { size: state.size ?? 0, from: () => state.fromAddress ?? 0 },
    limits: { maxConnections: 10, maxConnectionsPerIp: 3 },
    pins: new PinCheck(new PinGuard(DEFAULT_LIMITS.maxPinFailures, DEFAULT_LIMITS.pinLockoutMs, DEFAULT_LIMITS.maxRoomPinFailures)),
    pin: () => state.pin ?? null,
    moderator: {
      doorRefusal: () =>
        state.locked ? { code: 'locked', close: 4021, message: 'The room is locked: nobody new can join right now.' } : null,
    },
  };
  return roomAdmission(context);
}

describe('the rules, in order', () => {
  it('lets a well-formed handshake through', () => {
    expect(admit(rules(), upgrade())).toBeNull();
    expect(admit(rules({ pin: '2468' }), upgrade({ urlPin: '2468' }))).toBeNull();
    // A rich client gives its PIN in hello, after the handshake, and may be resuming into a locked room.
    expect(admit(rules({ pin: '2468' }), upgrade({ protocol: 'lan-chat.v1' }))).toBeNull();
    expect(admit(rules({ locked: true }), upgrade({ protocol: 'lan-chat.v1' }))).toBeNull();
  });

  it('answers with the first rule that refuses: closing, Host, Origin, subprotocol, door, room full, per address, PIN', () => {
    const everythingWrong = { host: 'evil.example', origin: 'http://evil.example', protocol: null, urlPin: '0000' } as const;
    const state = { open: false, size: 10, fromAddress: 3, pin: '2468', locked: true };
    const answers: (number | undefined)[] = [];
    const messages: string[] = [];
    const spoilt: Change = { ...everythingWrong };
    // Put right one rule at a time, from the first: the next one down answers.
    const fixes: (() => void)[] = [
      () => (state.open = true),
      () => (spoilt.host = '10.0.0.1:7681'),
      () => delete spoilt.origin,
      () => (spoilt.protocol = 'lws-minimal'),
      () => (state.locked = false),
      () => (state.size = 0),
      () => (state.fromAddress = 0),
      () => (spoilt.urlPin = '2468'),
    ];
    for (const fix of [() => {}, ...fixes]) {
      fix();
      const refusal = admit(rules(state), upgrade(spoilt));
      answers.push(refusal?.status);
      if (refusal !== null) messages.push(refusal.message);
    }
    // The door: a locked room is 423 Locked (a ban would be 403).
    expect(answers).toEqual([503, 403, 403, 400, 423, 503, 429, 401, undefined]);
    expect(messages).toEqual([
      'The room is closing.',
      "Host not allowed: connect by IP address, localhost or this computer's name.",
      "Origin not allowed: only the room's own page may connect from a browser.",
      'Unsupported subprotocol: offer "lws-minimal" or "lan-chat.v1".',
      'The room is locked: nobody new can join right now.',
      'The room is full (10 connections).',
      'Too many connections from 10.0.0.7 (limit 3).',
      'Wrong PIN in ?pin=.',
    ]);
  });

  it("stops at the first refusal: a refused handshake's PIN is never checked, so never counted", () => {
    const guard = new PinGuard(2, 60_000, 100);
    const list = roomAdmission({
      open: () => true,
      connections: { size: 10, from: () => 0 },
      limits: { maxConnections: 10, maxConnectionsPerIp: 3 },
      pins: new PinCheck(guard),
      pin: () => '2468',
      moderator: OPEN_DOOR,
    });
    for (let i = 0; i < 5; i++) expect(admit(list, upgrade({ urlPin: 'wrong' }))?.status).toBe(503);
    expect(guard.size).toBe(0);
  });
});

describe('capacity', () => {
  it('answers 503 past maxConnections', async () => {
    const { url } = await startRoom({ limits: { maxConnections: 2 } });
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

describe('the order a client sees', () => {
  it('refuses a foreign Origin before looking at the subprotocol, and a full room before the PIN', async () => {
    const { url } = await startRoom({ settings: { pin: '2468' }, limits: { maxConnections: 1 } });
    expect(await handshakeStatus(url, ['chat'], { origin: 'http://evil.example' })).toBe(403);
    await rawClient(`${url}?pin=2468`);
    const full = await handshakeAnswer(`${url}?pin=0000`, 'lws-minimal');
    expect(full).toEqual({ status: 503, body: 'The room is full (1 connections).\n' });
  });

  it('counts connections of both protocols against maxConnections', async () => {
    const { url, room } = await startRoom({ limits: { maxConnections: 2 } });
    const { client } = await richClient(url, { name: 'Rich' });
    await rawClient(url);
    expect(await handshakeStatus(url, 'lan-chat.v1')).toBe(503);
    client.ws.close(1000);
    await eventually(() => room.clients().length === 1, 'the rich client to leave');
    expect(await handshakeStatus(url, 'lan-chat.v1')).toBe(101);
  });
});
