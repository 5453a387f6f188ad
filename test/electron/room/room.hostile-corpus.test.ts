// A randomised hostile corpus with a fixed seed: hundreds of connections, each sending a few random
// frames (reserved bits, lying lengths, garbage, bad close codes, with some valid text mixed in), while
// two well-behaved clients (raw lws-minimal and rich lan-chat.v1) chat through all of it. The room must
// answer every case with an allowed close code or keep chatting, lose none of the witnesses' messages,
// and keep its memory bounded.
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { RICH_PROTOCOL, type ServerMessage } from '../../../common/protocol.js';
import { Room } from '../../../electron/room/room.js';
import { Prng } from '../../support/prng.js';
import { Opcode, closePayload, encodeFrame, openRaw, sendText, type FrameSpec, type RawClient } from '../../support/raw-ws.js';
import { RssSampler } from '../../support/rss.js';

const SEED = 0x1a7c4a7;
const CONNECTIONS = 300;
const PARALLEL = 8;
/** How long a case may stay silent before it counts as "still open" (waiting for a payload it was promised). */
const SILENCE_MS = 250;
/** Codes a hostile connection may be closed with; 1011 (server error) or anything else fails. */
const ALLOWED_CODES = new Set([1000, 1002, 1003, 1007, 1008, 1009]);
const MAX_BYTES = 16 * 1024;

let room: Room;
let port: number;

beforeAll(async () => {
  // Many short connections from one address: the per-IP cap is not what this test is about.
  room = new Room({ bindAddress: '127.0.0.1', port: 0, limits: { maxMessageBytes: MAX_BYTES, maxConnectionsPerIp: 100 } });
  ({ port } = await room.listen());
});

afterAll(async () => {
  await room?.close();
});

/** Bytes of one random frame (or run of frames); most are invalid in some way, some are fine. */
interface RandomWrite {
  bytes: Buffer;
  /** The code, when this is a close frame. */
  closeCode?: number;
}

function randomWrite(rng: Prng, index: number): RandomWrite {
  const write = (bytes: Buffer): RandomWrite => ({ bytes });
  switch (rng.int(0, 10)) {
    case 0:
    case 1:
      return write(encodeFrame({ opcode: Opcode.text, payload: `corpus #${index} ${'·'.repeat(rng.int(0, 40))}` }));
    case 2:
      return write(rng.bytes(rng.int(1, 64)));
    case 3: {
      const closeCode = rng.int(0, 5_000);
      return { bytes: encodeFrame({ opcode: Opcode.close, payload: closePayload(closeCode, rng.chance(0.3) ? 'bye' : '') }), closeCode };
    }
    case 4:
      return write(encodeFrame({ opcode: Opcode.ping, payload: rng.bytes(rng.int(0, 130)) }));
    case 5:
      return write(encodeFrame({ opcode: Opcode.text, payload: rng.bytes(rng.int(1, 200)) }));
    case 6: {
      // A fragmented message, sometimes longer than maxFragments, sometimes finished.
      const count = rng.int(1, 100);
      const pieces = Array.from({ length: count }, (_, i) =>
        encodeFrame({
          opcode: i === 0 ? Opcode.text : Opcode.continuation,
          fin: i === count - 1 && rng.chance(0.5),
          payload: 'f'.repeat(rng.int(0, 3)),
        }),
      );
      return write(Buffer.concat(pieces));
    }
    default: {
      const payload = rng.bytes(rng.int(0, 300));
      const spec: FrameSpec = {
        opcode: rng.int(0, 15),
        fin: rng.chance(0.7),
        rsv: rng.chance(0.8) ? 0 : rng.int(1, 7),
        mask: rng.chance(0.9),
        payload,
        lengthForm: rng.pick([undefined, 16, 64] as const),
      };
      if (rng.chance(0.1)) {
        spec.declaredLength = rng.chance(0.5) ? BigInt(rng.int(0, MAX_BYTES * 2)) : BigInt(rng.int(0, 2 ** 31)) << 32n;
        spec.lengthForm = 64;
      }
      return write(encodeFrame(spec));
    }
  }
}

/**
 * How a case ended: the server's close code; `echo` when that code is the one the case's own random
 * close frame carried (the server answering a valid close); `open` when the server is still waiting
 * for bytes the case promised; `dropped` when the socket closed without a close frame.
 */
type Outcome = number | 'echo' | 'open' | 'dropped';

/** Runs one hostile connection to its end and says how it ended. */
async function runCase(rng: Prng, index: number): Promise<Outcome> {
  const rich = rng.chance(0.2);
  const client = await openRaw(port, { protocol: rich ? RICH_PROTOCOL : rng.pick(['lws-minimal', null]) });
  try {
    const writes = Array.from({ length: rng.int(1, 4) }, () => randomWrite(rng, index));
    if (rich && rng.chance(0.5))
      client.write(encodeFrame({ opcode: Opcode.text, payload: JSON.stringify({ type: 'hello', v: 1, name: `c${index}` }) }));
    for (const { bytes } of writes) client.write(bytes);
    // A clean close last: a server still in a sane state answers it, so only a promised-but-unsent
    // payload leaves the connection silent.
    client.write(encodeFrame({ opcode: Opcode.close, payload: closePayload(1000) }));
    const { code } = await client.waitForClose(SILENCE_MS).catch(() => ({ code: 'open' as const }));
    if (code !== 1000 && writes.some((w) => w.closeCode === code)) return 'echo';
    return code ?? 'dropped';
  } finally {
    client.destroy();
  }
}

interface Witnesses {
  raw: RawClient;
  rich: WebSocket;
  richName: string;
  rawGot: string[];
  richGot: string[];
}

async function joinWitnesses(): Promise<Witnesses> {
  const raw = await openRaw(port);
  const rawGot: string[] = [];
  void (async () => {
    for (let text = await raw.nextText(60_000); text !== null; text = await raw.nextText(60_000)) rawGot.push(text);
  })().catch(() => {});

  const rich = new WebSocket(`ws://127.0.0.1:${port}/`, RICH_PROTOCOL);
  const richGot: string[] = [];
  const welcome = new Promise<string>((resolve, reject) => {
    rich.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'welcome') resolve(message.you.name);
      if (message.type === 'chat') richGot.push(message.text);
    });
    rich.once('error', reject);
  });
  await new Promise((resolve) => rich.once('open', resolve));
  rich.send(JSON.stringify({ type: 'hello', v: 1, name: 'Rich witness' }));
  return { raw, rich, richName: await welcome, rawGot, richGot };
}

test(`${CONNECTIONS} random hostile connections (seed ${SEED.toString(16)}): no crash, allowed codes, witnesses unharmed`, async () => {
  const witnesses = await joinWitnesses();
  const rss = new RssSampler();
  let sent = 0;
  const chatter = setInterval(() => {
    sendText(witnesses.raw, `raw-witness #${sent}`);
    witnesses.rich.send(JSON.stringify({ type: 'chat', text: `rich-witness #${sent}` }));
    sent++;
  }, 20);

  const rng = new Prng(SEED);
  const outcomes = new Map<Outcome, number>();
  let next = 0;
  const worker = async () => {
    // Each case draws from its own generator seeded from the main one, so the corpus does not depend
    // on which worker happens to run which case.
    for (let index = next++; index < CONNECTIONS; index = next++) {
      const outcome = await runCase(new Prng(rng.int(0, 2 ** 31)), index);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  clearInterval(chatter);
  const memory = rss.stop();

  const rawExpected = Array.from({ length: sent }, (_, i) => [`raw-witness #${i}`, `${witnesses.richName}: rich-witness #${i}`]).flat();
  const richExpected = Array.from({ length: sent }, (_, i) => [`raw-witness #${i}`, `rich-witness #${i}`]).flat();
  const isWitness = (text: string) => /witness #\d+$/.test(text);
  await expect.poll(() => witnesses.rawGot.filter(isWitness).length, { timeout: 5_000 }).toBe(rawExpected.length);
  await expect.poll(() => witnesses.richGot.filter(isWitness).length, { timeout: 5_000 }).toBe(richExpected.length);
  // Each sender's own messages arrive in its order; the two senders interleave as the room saw them.
  for (const [got, expected] of [
    [witnesses.rawGot, rawExpected],
    [witnesses.richGot, richExpected],
  ] as const) {
    for (const prefix of [/^raw-witness/, /rich-witness/]) {
      expect(got.filter((t) => isWitness(t) && prefix.test(t))).toEqual(expected.filter((t) => prefix.test(t)));
    }
  }

  const summary = Object.fromEntries([...outcomes].sort(([a], [b]) => String(a).localeCompare(String(b))));
  console.info(
    `corpus seed=${SEED.toString(16)} cases=${CONNECTIONS} outcomes=${JSON.stringify(summary)} witness messages=${sent * 2} rss=${JSON.stringify(memory)}`,
  );
  for (const outcome of outcomes.keys()) {
    if (typeof outcome === 'number') expect(ALLOWED_CODES, `close code ${outcome}`).toContain(outcome);
  }
  expect(outcomes.get('dropped') ?? 0, 'connections dropped without a close frame').toBe(0);
  expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(CONNECTIONS);
  expect(sent).toBeGreaterThan(10);
  expect(room.status().running).toBe(true);
  // Generous: the room, 300 short connections and the test's own clients share this process.
  expect(memory.peakMb - memory.beforeMb).toBeLessThan(150);

  witnesses.raw.destroy();
  witnesses.rich.terminate();
});
