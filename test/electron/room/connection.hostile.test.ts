// Bad frames after a good lws-minimal handshake: each one ends that connection with the close code
// RFC 6455 and docs/protocol.md ask for (as ws 8.23 and the room send it), and nothing else is disturbed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { Room } from '../../../electron/room/room.js';
import { Opcode, closePayload, encodeFrame, openRaw, sendText, type FrameSpec } from '../../support/raw-ws.js';
import { CliProcess } from '../../support/cli-host.js';

const MAX_BYTES = DEFAULT_LIMITS.maxMessageBytes;
const MAX_FRAGMENTS = DEFAULT_LIMITS.maxFragments;

let room: Room;
let port: number;

beforeAll(async () => {
  room = new Room({ bindAddress: '127.0.0.1', port: 0 });
  ({ port } = await room.listen());
});

afterAll(async () => {
  await room?.close();
});

const frames = (...specs: FrameSpec[]) => Buffer.concat(specs.map(encodeFrame));

/** A message started and then continued `count` more times, never finished. */
function endlessFragments(count: number, piece: string): Buffer {
  const rest = Array.from({ length: count }, () => ({ opcode: Opcode.continuation, fin: false, payload: piece }));
  return frames({ opcode: Opcode.text, fin: false, payload: piece }, ...rest);
}

interface FrameCase {
  name: string;
  bytes: Buffer;
  code: number;
}

const RESERVED_OPCODES = [3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf];

const CASES: FrameCase[] = [
  ...RESERVED_OPCODES.map((opcode) => ({
    name: `reserved opcode 0x${opcode.toString(16)}`,
    bytes: frames({ opcode, payload: 'x' }),
    code: 1002,
  })),
  { name: 'RSV1 set (no extension negotiated)', bytes: frames({ opcode: Opcode.text, rsv: 4, payload: 'x' }), code: 1002 },
  { name: 'RSV2 set', bytes: frames({ opcode: Opcode.text, rsv: 2, payload: 'x' }), code: 1002 },
  { name: 'RSV3 set', bytes: frames({ opcode: Opcode.text, rsv: 1, payload: 'x' }), code: 1002 },
  { name: 'unmasked client frame', bytes: frames({ opcode: Opcode.text, mask: false, payload: 'x' }), code: 1002 },
  { name: 'ping over 125 bytes', bytes: frames({ opcode: Opcode.ping, payload: Buffer.alloc(126) }), code: 1002 },
  { name: 'fragmented ping', bytes: frames({ opcode: Opcode.ping, fin: false }), code: 1002 },
  { name: '64-bit length with the MSB set', bytes: frames({ opcode: Opcode.text, declaredLength: 1n << 63n, lengthForm: 64 }), code: 1009 },
  { name: '64-bit length of 2^53', bytes: frames({ opcode: Opcode.text, declaredLength: 1n << 53n, lengthForm: 64 }), code: 1009 },
  {
    name: 'declared length just over maxMessageBytes',
    bytes: frames({ opcode: Opcode.text, declaredLength: BigInt(MAX_BYTES + 1) }),
    code: 1009,
  },
  { name: 'real text of maxMessageBytes + 1', bytes: frames({ opcode: Opcode.text, payload: 'a'.repeat(MAX_BYTES + 1) }), code: 1009 },
  { name: 'fragments adding up past maxMessageBytes', bytes: endlessFragments(4, 'a'.repeat(MAX_BYTES / 4)), code: 1009 },
  { name: 'invalid UTF-8 (C3 28)', bytes: frames({ opcode: Opcode.text, payload: Buffer.from([0xc3, 0x28]) }), code: 1007 },
  { name: 'overlong UTF-8 (C0 AF)', bytes: frames({ opcode: Opcode.text, payload: Buffer.from([0xc0, 0xaf]) }), code: 1007 },
  {
    name: 'UTF-16 surrogate in UTF-8 (ED A0 80)',
    bytes: frames({ opcode: Opcode.text, payload: Buffer.from([0xed, 0xa0, 0x80]) }),
    code: 1007,
  },
  { name: 'binary frame', bytes: frames({ opcode: Opcode.binary, payload: 'x' }), code: 1003 },
  { name: 'continuation without a start', bytes: frames({ opcode: Opcode.continuation, payload: 'x' }), code: 1002 },
  {
    name: 'new text frame inside a fragmented message',
    bytes: frames({ opcode: Opcode.text, fin: false, payload: 'a' }, { opcode: Opcode.text, payload: 'b' }),
    code: 1002,
  },
  { name: `endless fragments (${MAX_FRAGMENTS + 1} in one message)`, bytes: endlessFragments(MAX_FRAGMENTS, 'a'), code: 1008 },
  { name: 'endless empty fragments', bytes: endlessFragments(MAX_FRAGMENTS, ''), code: 1008 },
  { name: 'close with invalid code 999', bytes: frames({ opcode: Opcode.close, payload: closePayload(999) }), code: 1002 },
  { name: 'close with reserved code 1005', bytes: frames({ opcode: Opcode.close, payload: closePayload(1005) }), code: 1002 },
  { name: 'close with a 1-byte payload', bytes: frames({ opcode: Opcode.close, payload: Buffer.from([3]) }), code: 1002 },
  {
    name: 'close with an invalid UTF-8 reason',
    bytes: frames({ opcode: Opcode.close, payload: Buffer.concat([closePayload(1000), Buffer.from([0xff])]) }),
    code: 1007,
  },
  { name: 'HTTP request sent again after the upgrade', bytes: Buffer.from('GET / HTTP/1.1\r\n\r\n'), code: 1002 },
];

describe('bad frames close the connection with the exact code', () => {
  test.each(CASES)('$name -> $code', async ({ bytes, code }) => {
    const client = await openRaw(port);
    try {
      client.write(bytes);
      expect((await client.waitForClose()).code).toBe(code);
      await client.waitForEnd();
    } finally {
      client.destroy();
    }
  });

  test('a flood of tiny fragments in separate writes -> 1008', async () => {
    const client = await openRaw(port);
    try {
      client.write(encodeFrame({ opcode: Opcode.text, fin: false, payload: 'a' }));
      const piece = encodeFrame({ opcode: Opcode.continuation, fin: false, payload: 'a' });
      for (let i = 0; i < 5_000 && !client.closed; i++) client.write(piece);
      expect((await client.waitForClose()).code).toBe(1008);
    } finally {
      client.destroy();
    }
  });
});

describe('valid edge cases are served (controls for the cases above)', () => {
  test('text of exactly maxMessageBytes is delivered whole', async () => {
    const client = await openRaw(port);
    try {
      const text = 'é'.repeat(MAX_BYTES / 2);
      sendText(client, text);
      expect(await client.nextText()).toBe(text);
    } finally {
      client.destroy();
    }
  });

  test('a message in fragments that split a UTF-8 character, with a ping between them, arrives whole', async () => {
    const client = await openRaw(port);
    try {
      const euro = Buffer.from('€');
      client.write(
        frames(
          { opcode: Opcode.text, fin: false, payload: Buffer.concat([Buffer.from('price '), euro.subarray(0, 1)]) },
          { opcode: Opcode.ping, payload: 'mid' },
          { opcode: Opcode.continuation, fin: false, payload: euro.subarray(1, 2) },
          { opcode: Opcode.continuation, payload: Buffer.concat([euro.subarray(2), Buffer.from('5')]) },
        ),
      );
      const pong = await client.nextFrame();
      expect(pong?.opcode).toBe(Opcode.pong);
      expect(pong?.payload.toString()).toBe('mid');
      expect(await client.nextText()).toBe('price €5');
    } finally {
      client.destroy();
    }
  });

  test('close 1000 is answered with 1000', async () => {
    const client = await openRaw(port);
    try {
      client.write(frames({ opcode: Opcode.close, payload: closePayload(1000, 'bye') }));
      expect((await client.waitForClose()).code).toBe(1000);
    } finally {
      client.destroy();
    }
  });
});

describe('a joined guest that sends junk and never reads (issue 10, finding 1)', () => {
  /** A rich client over raw TCP that has said hello and read its welcome. */
  async function joinedRich(target: number, name: string) {
    const client = await openRaw(target, { protocol: 'lan-chat.v1' });
    sendText(client, JSON.stringify({ type: 'hello', v: 1, name }));
    expect(JSON.parse((await client.nextText())!)).toMatchObject({ type: 'welcome' });
    return client;
  }
  /** The frame the issue's attacker sends: a "type" as long as a rich frame may be (33 KB). */
  const junk = encodeFrame({ opcode: Opcode.text, payload: JSON.stringify({ type: 'x'.repeat(33_000) }) });

  /**
   * The attack: Mallory joins, stops reading, and sends `count` junk frames; resolves once the room has
   * read them all (a bystander's chat comes back after them), with Mallory still connected and unread.
   */
  async function junkFlood(target: number, count: number) {
    const mallory = await joinedRich(target, 'Mallory');
    mallory.socket.pause();
    for (let i = 0; i < count; i++) mallory.write(junk);
    const witness = await joinedRich(target, 'Witness');
    sendText(witness, JSON.stringify({ type: 'chat', text: 'still here' }));
    while (!(await witness.nextText(20_000))?.includes('still here'));
    witness.destroy();
    return mallory;
  }
  /** Every send budget lifted: this is about what the room writes back when it reads junk at full speed. */
  const UNLIMITED = { rateBurst: 100_000, ratePerSecond: 100_000, senderBurstBytes: 1e9, senderBytesPerSecond: 1e9 };

  test('error replies stay short: 600 frames of 33 KB get well under 100 KB of answers', async () => {
    const quiet = new Room({ bindAddress: '127.0.0.1', port: 0, limits: { heartbeatMs: 0, ...UNLIMITED } });
    const { port: target } = await quiet.listen();
    const mallory = await junkFlood(target, 600);
    try {
      const tally = mallory.tally();
      mallory.socket.resume();
      await tally.reached(600, 20_000);
      console.log(`junk flood: 600 frames of 33 KB -> ${tally.frames} replies, ${tally.payloadBytes} bytes in all`);
      // The old room echoed every 33 KB type back: 20 MB for this client.
      expect(tally.payloadBytes).toBeLessThan(100_000);
    } finally {
      mallory.destroy();
      await quiet.close();
    }
  });

  const linux = process.platform === 'linux';
  if (!linux) console.log("skipped: the host's RSS is read from /proc/<pid>/status, which only Linux has");
  test.runIf(linux)("the headless host's memory stays flat under 1,000 frames of 33 KB (RSS of the host process)", async () => {
    const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--quiet', '--rate-burst', '100000', '--rate-per-second', '100000'];
    const cli = new CliProcess([...args, '--sender-burst-bytes', '1000000000', '--sender-bytes-per-second', '1000000000']);
    try {
      const target = await cli.listeningPort();
      const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${cli.pid}/status`, 'utf8'))![1]) / 1024;
      const before = rssMb();
      const mallory = await junkFlood(target, 1_000);
      const after = rssMb();
      mallory.destroy();
      console.log(
        `headless host under 1,000 x 33 KB of junk from a guest that never reads: RSS ${before.toFixed(1)} -> ${after.toFixed(1)} MB`,
      );
      // The old room held every echoed reply: 59 -> 125 MB here, and never let go.
      expect(after - before).toBeLessThan(25);
    } finally {
      await cli.stop();
    }
  });

  test('is dropped by the heartbeat while it keeps sending (only a pong proves a client reads)', async () => {
    const beating = new Room({ bindAddress: '127.0.0.1', port: 0, limits: { heartbeatMs: 100, resumeGraceMs: 0, awayMs: 0 } });
    const { port: target } = await beating.listen();
    const client = await joinedRich(target, 'Mallory');
    const left = new Promise<number>((resolve) => {
      const since = performance.now();
      beating.on('presence', (event) => {
        if (event.type === 'leave') resolve(performance.now() - since);
      });
    });
    client.socket.pause();
    const sender = setInterval(() => client.write(junk), 20);
    try {
      const afterMs = await Promise.race([left, new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000))]);
      console.log(`junk sender that never reads: dropped after ${afterMs === null ? 'never' : `${Math.round(afterMs)} ms`}`);
      expect(afterMs).not.toBeNull();
    } finally {
      clearInterval(sender);
      client.destroy();
      await beating.close();
    }
  });
});
