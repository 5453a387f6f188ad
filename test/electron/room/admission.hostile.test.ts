// Malformed and hostile WebSocket handshakes sent byte by byte over raw TCP: each gets a clear HTTP
// refusal (never a 101), and the room keeps serving well-behaved clients afterwards.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Room } from '../../../electron/room/room.js';
import { RawClient, handshakeRequest, openRaw, sendText, type HandshakeOptions } from '../../support/raw-ws.js';

const HEADERS_TIMEOUT_MS = 400;

let room: Room;
let port: number;

beforeAll(async () => {
  // A short header timeout so the slowloris case takes well under a second.
  room = new Room({
    bindAddress: '127.0.0.1',
    port: 0,
    limits: { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: HEADERS_TIMEOUT_MS * 2 },
  });
  ({ port } = await room.listen());
});

afterAll(async () => {
  await room?.close();
});

/**
 * Sends `request` on a fresh connection and returns the status answered (null: closed without one).
 * A refusal must also close the connection, unless it was an ordinary keep-alive HTTP request.
 */
async function statusFor(request: string | Buffer, { keepAlive = false } = {}): Promise<number | null> {
  const client = await RawClient.connect(port);
  try {
    client.write(request);
    const response = await client.readResponse();
    if (response !== null && !keepAlive) await client.waitForEnd();
    return response?.status ?? null;
  } finally {
    client.destroy();
  }
}

/** Node keeps 2,000 headers (`maxHeadersCount`); CVE-2024-37890 crashed ws when the real ones came later. */
const JUNK_HEADERS = Array.from({ length: 2_100 }, () => 'x:1');

interface HandshakeCase {
  name: string;
  options: HandshakeOptions;
  status: number;
}

const CASES: HandshakeCase[] = [
  { name: 'missing Sec-WebSocket-Key', options: { key: null }, status: 400 },
  { name: 'malformed Sec-WebSocket-Key', options: { key: 'not-a-key' }, status: 400 },
  { name: 'key of the wrong length', options: { key: Buffer.alloc(15).toString('base64') }, status: 400 },
  { name: 'wrong version (12)', options: { version: '12' }, status: 400 },
  { name: 'missing version', options: { version: null }, status: 400 },
  { name: 'POST upgrade', options: { method: 'POST' }, status: 405 },
  { name: '2,100 junk headers before the real ones (CVE-2024-37890 shape)', options: { headersBefore: JUNK_HEADERS }, status: 403 },
  { name: 'DNS-rebinding Host (evil.example)', options: { host: 'evil.example:7681' }, status: 403 },
  { name: 'missing Host', options: { host: null }, status: 403 },
  { name: 'cross-site Origin', options: { origin: 'http://evil.example' }, status: 403 },
  { name: 'Origin: null', options: { origin: 'null' }, status: 403 },
  { name: 'Origin of another port', options: { origin: 'http://127.0.0.1:1' }, status: 403 },
  { name: 'unknown subprotocol only', options: { protocol: 'chat, superchat' }, status: 400 },
];

describe('malformed handshakes are refused with an HTTP status, never a 101', () => {
  test.each(CASES)('$name -> $status', async ({ options, status }) => {
    expect(await statusFor(handshakeRequest(port, options))).toBe(status);
  });

  test('missing Upgrade or Connection header is an ordinary HTTP request (404 off the page routes), not a WebSocket', async () => {
    for (const options of [{ upgrade: null }, { connection: null }] satisfies HandshakeOptions[]) {
      expect(await statusFor(handshakeRequest(port, { ...options, path: '/socket' }), { keepAlive: true })).toBe(404);
    }
  });

  test("a header value over 16 KiB (Node's maxHeaderSize) gets 431 and the connection closes", async () => {
    expect(await statusFor(handshakeRequest(port, { headersBefore: [`X-Big: ${'a'.repeat(17 * 1024)}`] }))).toBe(431);
  });

  test('not HTTP at all gets 400', async () => {
    expect(await statusFor(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]))).toBe(
      400,
    );
  });

  test('slowloris: half a request and then silence is cut off after the header timeout', async () => {
    const client = await RawClient.connect(port);
    try {
      const started = Date.now();
      client.write(handshakeRequest(port, { unterminated: true }).slice(0, 60));
      // Node checks the timeout on an interval the room keeps to a fraction of it.
      const response = await client.readResponse(HEADERS_TIMEOUT_MS * 5);
      await client.waitForEnd();
      expect(response?.status).toBe(408);
      expect(Date.now() - started).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    } finally {
      client.destroy();
    }
  });
});

describe('well-formed handshakes still work', () => {
  test('same-origin browser handshake and an offered list pick the first known subprotocol', async () => {
    const client = await RawClient.connect(port);
    try {
      client.write(handshakeRequest(port, { origin: `http://127.0.0.1:${port}`, protocol: 'chat, lan-chat.v1, lws-minimal' }));
      const response = await client.readResponse();
      expect(response?.status).toBe(101);
      expect(response?.headers['sec-websocket-protocol']).toBe('lan-chat.v1');
    } finally {
      client.destroy();
    }
  });

  test('after the whole hostile set, a raw lws-minimal client still chats', async () => {
    const client = await openRaw(port);
    try {
      sendText(client, 'still here');
      expect(await client.nextText()).toBe('still here');
    } finally {
      client.destroy();
    }
  });
});

describe('PIN guessing from many addresses (issue 10, finding 2)', () => {
  /** The answer to a raw handshake from the address `from`. */
  async function handshakeOf(target: number, options: HandshakeOptions, from: string): Promise<{ status: number; body: string }> {
    const client = await RawClient.connect(target, from);
    try {
      client.write(handshakeRequest(target, options));
      const response = await client.readResponse();
      return { status: response?.status ?? 0, body: response?.body ?? '' };
    } finally {
      client.destroy();
    }
  }
  /** The HTTP status a raw handshake from `from` with `?pin=` gets. */
  const guess = async (target: number, pin: string, from: string) => (await handshakeOf(target, { path: `/?pin=${pin}` }, from)).status;
  const alias = (i: number) => `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;

  test('a locked-out address stays locked however many wrong PINs come from other addresses', async () => {
    // The room-wide budget is lifted here, to show the lockout itself cannot be flushed by volume.
    const guarded = new Room({ bindAddress: '127.0.0.1', port: 0, settings: { pin: '4821' }, limits: { maxRoomPinFailures: 100_000 } });
    const { port: target } = await guarded.listen();
    try {
      for (let i = 0; i < 5; i++) expect(await guess(target, '0000', '127.0.0.9')).toBe(401);
      expect(await guess(target, '4821', '127.0.0.9')).toBe(429);
      for (let i = 0; i < 1_030; i++) await guess(target, String(i).padStart(4, '0'), alias(i));
      expect(await guess(target, '4821', '127.0.0.9')).toBe(429);
    } finally {
      await guarded.close();
    }
  });

  test('the room takes at most 100 wrong PINs a minute from all addresses together, the right one refused too', async () => {
    const guarded = new Room({ bindAddress: '127.0.0.1', port: 0, settings: { pin: '4821' } });
    const { port: target } = await guarded.listen();
    try {
      const started = performance.now();
      const statuses: number[] = [];
      // 300 addresses, one guess each: no address ever reaches its own limit.
      for (let i = 0; i < 300; i++) statuses.push(await guess(target, String(i).padStart(4, '0'), alias(i)));
      const checked = statuses.filter((s) => s === 401).length;
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `PIN guesses from 300 addresses in ${seconds.toFixed(2)} s: ${checked} checked, ${statuses.length - checked} refused (429)`,
      );
      expect(checked).toBe(100);
      expect(statuses.slice(100).every((s) => s === 429)).toBe(true);
      const answer = await handshakeOf(target, { path: '/?pin=4821' }, alias(400));
      expect(answer.status).toBe(429);
      expect(answer.body).toMatch(/Too many wrong PINs in this room lately: wait \d+ s/);
    } finally {
      await guarded.close();
    }
  });

  test('with a dual-stack bind (::), IPv4 clients are counted and shown as plain IPv4 addresses', async () => {
    const dual = new Room({ bindAddress: '::', port: 0, settings: { pin: '4821' }, limits: { maxConnectionsPerIp: 1 } });
    const { port: target } = await dual.listen();
    try {
      for (let i = 0; i < 5; i++) expect(await guess(target, '0000', '127.0.0.1')).toBe(401);
      const locked = await handshakeOf(target, { path: '/?pin=4821' }, '127.0.0.1');
      expect(locked).toMatchObject({ status: 429, body: 'Too many wrong PINs from 127.0.0.1: wait 60 s and try again.\n' });
      const inside = await openRaw(target, { path: '/?pin=4821' }, '127.0.0.2');
      try {
        expect(dual.clients().map((c) => c.address)).toEqual(['127.0.0.2']);
        const second = await handshakeOf(target, { path: '/?pin=4821' }, '127.0.0.2');
        expect(second).toMatchObject({ status: 429, body: 'Too many connections from 127.0.0.2 (limit 1).\n' });
      } finally {
        inside.destroy();
      }
    } finally {
      await dual.close();
    }
  });
});
