// @ts-check
// Load generator for the broadcast benchmark: N WebSocket clients on loopback, S of them send M messages,
// every client checks what it receives. Prints one line, `RESULT {json}`, and exits.
//
// The method is that of docs/benchmarks.md ("Method and credit"): open every
// client first, send an uncounted warm-up burst, then the measured burst, either as fast as an in-flight
// window of W messages allows (W messages not yet received by every reader) or at a fixed rate; read the
// server's CPU time from /proc around the measured burst and divide it by the deliveries.
//
// A message is ASCII, padded to --size bytes: `<sender:4>.<number:9>.<send time µs:13>.` + padding. The
// number is global (message k is sent by client k % S), so per sender it only grows: any decrease at a
// receiver is out of order, any repeat a duplicate, any missing delivery a loss.
//
// --protocol lan-chat.v1 speaks the rich protocol: `hello` first, chat as JSON; the payload is then the
// `text` of each chat broadcast. --slow K makes the last K clients stop reading before the measured burst
// (a slow consumer): they are not counted as readers, and the report says whether the server dropped them.
// --messages 0 only connects, settles and reports memory (idle clients).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { cpuNs, rssKiB } from './proc.mjs';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:7681/' },
    protocol: { type: 'string', default: 'lws-minimal' },
    clients: { type: 'string', default: '100' },
    senders: { type: 'string', default: '1' },
    messages: { type: 'string', default: '200' },
    size: { type: 'string', default: '64' },
    rate: { type: 'string', default: '0' }, // messages/s over all senders; 0 = as fast as the window allows
    window: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '100' },
    slow: { type: 'string', default: '0' },
    settle: { type: 'string', default: '300' }, // ms between the last open and the memory sample
    'connect-concurrency': { type: 'string', default: '50' },
    'stall-ms': { type: 'string', default: '3000' }, // nothing received for this long ends a burst as lossy
    'server-pid': { type: 'string', default: '' },
    timeout: { type: 'string', default: '120' }, // seconds for the whole run, whatever happens
  },
});

const RICH_PROTOCOL = 'lan-chat.v1';
const HEADER = 29;
const N = Number(opt.clients);
const S = Number(opt.senders);
const M = Number(opt.messages);
const SIZE = Number(opt.size);
const RATE = Number(opt.rate);
const WINDOW = Math.max(1, Number(opt.window));
const WARMUP = M > 0 ? Number(opt.warmup) : 0;
const SLOW = Number(opt.slow);
const READERS = N - SLOW;
const SERVER_PID = Number(opt['server-pid']) || 0;
const RICH = opt.protocol === RICH_PROTOCOL;
if (!(N >= 1 && S >= 1 && S <= READERS && M >= 0 && SIZE >= HEADER + 3 && SLOW >= 0)) {
  console.error(`bad arguments: need 1 <= senders <= clients - slow, messages >= 0, size >= ${HEADER + 3}`);
  process.exit(2);
}
if (!/^ws:\/\/(127\.\d+\.\d+\.\d+|localhost)[:/]/.test(opt.url)) {
  console.error(`loopback targets only, not ${opt.url}`);
  process.exit(2);
}

const now = () => performance.now();
/**
 * What the run found, printed as one `RESULT {json}` line; a figure is null until it is measured.
 * @type {{
 *   clients: number, senders: number, messages: number, size: number, rate: number, window: number | null,
 *   protocol: string, slow: number, status: string, error: string | null, connectMs: number | null,
 *   rssPerConnKiB: number | null, expected: number, delivered: number, lost: number | null, duplicates: number,
 *   outOfOrder: number, badFrames: number, closedEarly: number, serverErrors: number, durationMs: number | null,
 *   deliveriesPerSec: number | null, latencyMs: { p50: number, p99: number, max: number } | null,
 *   serverCpuMs: number | null, cpuUsPerDelivery: number | null, serverRssMaxKiB: number | null,
 *   loadgenCpuPct: number | null, slowClients: { closeCodes: number[], received: number[] } | null,
 * }}
 */
const result = {
  clients: N,
  senders: S,
  messages: M,
  size: SIZE,
  rate: RATE,
  window: RATE > 0 ? null : WINDOW,
  protocol: opt.protocol,
  slow: SLOW,
  status: 'running',
  error: null,
  connectMs: null,
  rssPerConnKiB: null,
  expected: READERS * M,
  delivered: 0,
  lost: null,
  duplicates: 0,
  outOfOrder: 0,
  badFrames: 0,
  closedEarly: 0,
  serverErrors: 0,
  durationMs: null,
  deliveriesPerSec: null,
  latencyMs: null,
  serverCpuMs: null,
  cpuUsPerDelivery: null,
  serverRssMaxKiB: null,
  loadgenCpuPct: null,
  slowClients: null,
};

// ---- receiving ------------------------------------------------------------------------------------

const seen = new Uint8Array(Math.ceil((N * M) / 8)); // one bit per (client, message): duplicates
const lastFromSender = new Int32Array(N * S).fill(-1); // order, per (client, sender)
const receivedPerMessage = new Uint32Array(M + WARMUP); // by readers only
const latencies = new Float64Array(READERS * M);
const slowReceived = new Uint32Array(Math.max(SLOW, 1));
let complete = 0; // messages of the current burst every reader has
let lastReceiveAt = 0;
/** @typedef {'complete' | 'stalled'} Outcome */
/** The burst being sent, null between bursts. */
/** @type {{ first: number, count: number, sent: number, startedAt: number, done: (outcome: Outcome) => void } | null} */
let burst = null;

/**
 * @param {Uint8Array} buf
 * @param {number} at
 * @param {number} count
 */
function digits(buf, at, count) {
  let value = 0;
  for (let k = at; k < at + count; k++) {
    const d = buf[k] - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * One payload (`buf[start, end)`) received by client `ci`.
 * @param {number} ci
 * @param {Uint8Array} buf
 * @param {number} start
 * @param {number} end
 */
function onPayload(ci, buf, start, end) {
  const t = now();
  const id = end - start === SIZE ? digits(buf, start + 5, 9) : -1;
  const sentUs = id >= 0 ? digits(buf, start + 15, 13) : -1;
  if (sentUs < 0 || id >= M + WARMUP) {
    result.badFrames++;
    return;
  }
  lastReceiveAt = t;
  if (ci >= READERS) {
    if (id < M) slowReceived[ci - READERS]++;
    return;
  }
  if (id < M) {
    const bit = ci * M + id;
    if (seen[bit >>> 3] & (1 << (bit & 7))) {
      result.duplicates++;
      return;
    }
    seen[bit >>> 3] |= 1 << (bit & 7);
    const order = ci * S + (id % S);
    if (id < lastFromSender[order]) result.outOfOrder++;
    else lastFromSender[order] = id;
    latencies[result.delivered++] = t - sentUs / 1000;
  }
  if (++receivedPerMessage[id] === READERS && burst && id >= burst.first && id < burst.first + burst.count) {
    complete++;
    if (complete === burst.count) burst.done('complete');
    else if (RATE === 0) schedulePump();
  }
}

const TEXT_KEY = Buffer.from('"text":"');
const CHAT_TYPE = Buffer.from('"type":"chat"');

/**
 * Rich frames: chat broadcasts carry the payload as `text`; presence, typing and the rest are skipped.
 * @param {number} ci
 * @param {Buffer} buf
 */
function onRichFrame(ci, buf) {
  if (buf.indexOf(CHAT_TYPE) < 0) {
    if (buf.includes('"type":"error"')) result.serverErrors++;
    return;
  }
  const at = buf.indexOf(TEXT_KEY);
  const start = at + TEXT_KEY.length;
  const end = at < 0 ? -1 : buf.indexOf(34, start); // closing quote: the payload has no escapes
  if (end < 0) result.badFrames++;
  else onPayload(ci, buf, start, end);
}

// ---- connecting -----------------------------------------------------------------------------------

/** @type {WebSocket[]} */
const sockets = new Array(N);
let sendPhase = false;
/** @type {string | null} */
let firstConnectError = null;

/**
 * Opens client `ci`; resolves whether it got ready (open, and welcomed when rich).
 * @param {number} ci
 * @returns {Promise<boolean>}
 */
function connect(ci) {
  return new Promise((resolve) => {
    const ws = new WebSocket(opt.url, opt.protocol ? [opt.protocol] : [], { perMessageDeflate: false });
    sockets[ci] = ws;
    let ready = false;
    /** @type {(ok: boolean, why?: string) => void} */
    const settle = (ok, why) => {
      if (ready) return;
      ready = true;
      if (!ok && !firstConnectError) firstConnectError = why ?? null;
      resolve(ok);
    };
    ws.on('error', (error) => settle(false, error.message));
    ws.on('close', (code) => {
      settle(false, `closed with ${code} before ready`);
      if (ci >= READERS) slowCloseCodes.push(code);
      else if (sendPhase) result.closedEarly++;
    });
    if (RICH) {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, name: `bench${ci}` })));
      ws.on('message', (data) => {
        // Text frames arrive as one Buffer (binaryType 'nodebuffer').
        const buf = /** @type {Buffer} */ (data);
        if (ready) onRichFrame(ci, buf);
        else if (buf.includes('"type":"welcome"')) settle(true);
        else settle(false, `expected welcome, got ${buf.toString().slice(0, 120)}`);
      });
    } else {
      ws.on('open', () => settle(true));
      ws.on('message', (data) => {
        const buf = /** @type {Buffer} */ (data);
        onPayload(ci, buf, 0, buf.length);
      });
    }
  });
}

async function connectAll() {
  let next = 0;
  let opened = 0;
  const worker = async () => {
    while (next < N) if (await connect(next++)) opened++;
  };
  await Promise.all(Array.from({ length: Math.min(N, Number(opt['connect-concurrency'])) }, worker));
  return opened;
}

// ---- sending --------------------------------------------------------------------------------------

const PADDING = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(Math.ceil(SIZE / 36)).slice(0, SIZE - HEADER);
let pumpQueued = false;
let sendStartedAt = 0;
/** @type {number[]} */
const slowCloseCodes = [];

/** @param {number} id */
function payload(id) {
  const sentUs = Math.round(now() * 1000);
  const sender = String(id % S).padStart(4, '0');
  return `${sender}.${String(id).padStart(9, '0')}.${String(sentUs).padStart(13, '0')}.${PADDING}`;
}

/** @param {NonNullable<typeof burst>} current */
function sendNext(current) {
  const id = current.first + current.sent++;
  const text = payload(id);
  sockets[id % S].send(RICH ? `{"type":"chat","text":"${text}"}` : text);
}

function schedulePump() {
  if (pumpQueued) return;
  pumpQueued = true;
  setImmediate(pump);
}

/** Sends what the window or the rate allows; the sender's own buffer bounds it too (the server may pause it). */
function pump() {
  pumpQueued = false;
  if (!burst) return;
  const due = RATE > 0 ? Math.min(burst.count, Math.floor(((now() - burst.startedAt) * RATE) / 1000) + 1) : burst.count;
  while (burst.sent < due && (RATE > 0 || burst.sent - complete < WINDOW)) {
    if (sockets[(burst.first + burst.sent) % S].bufferedAmount > 1 << 20) break;
    sendNext(burst);
  }
  if (burst.sent < burst.count && (RATE > 0 || burst.sent - complete < WINDOW)) setTimeout(schedulePump, 1);
}

/**
 * Sends `count` messages numbered from `first`; resolves 'complete', or 'stalled' when deliveries stop.
 * @param {number} first
 * @param {number} count
 * @returns {Promise<Outcome>}
 */
function runBurst(first, count) {
  complete = 0;
  return new Promise((resolve) => {
    const startedAt = now();
    lastReceiveAt = startedAt;
    const watchdog = setInterval(() => {
      if (now() - lastReceiveAt > Number(opt['stall-ms'])) burst?.done('stalled');
    }, 100);
    burst = {
      first,
      count,
      sent: 0,
      startedAt,
      done: (outcome) => {
        clearInterval(watchdog);
        burst = null;
        resolve(outcome);
      },
    };
    pump();
  });
}

// ---- report ---------------------------------------------------------------------------------------

function percentiles() {
  if (result.delivered === 0) return null;
  const sorted = latencies.subarray(0, result.delivered).sort();
  /** @param {number} p */
  const at = (p) => Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2));
  return { p50: at(0.5), p99: at(0.99), max: Number(sorted[sorted.length - 1].toFixed(2)) };
}

/**
 * @param {string} status
 * @param {string | null} [error]
 */
function finish(status, error) {
  result.status = status;
  result.error = error ?? null;
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  for (const ws of sockets) ws?.terminate();
  setImmediate(() => process.exit(status === 'ok' ? 0 : 1));
}

const hardLimit = setTimeout(() => finish('timeout', `no result within ${opt.timeout} s`), Number(opt.timeout) * 1000);

async function main() {
  const rssBefore = SERVER_PID ? rssKiB(SERVER_PID) : NaN;
  const connectStart = now();
  const opened = await connectAll();
  result.connectMs = Math.round(now() - connectStart);
  if (opened !== N) return finish('connect-failed', `${opened}/${N} open; first error: ${firstConnectError}`);
  await new Promise((resolve) => setTimeout(resolve, Number(opt.settle)));
  if (SERVER_PID) result.rssPerConnKiB = Number(((rssKiB(SERVER_PID) - rssBefore) / N).toFixed(2));
  if (M === 0) return finish('ok');

  if (WARMUP > 0 && (await runBurst(M, WARMUP)) !== 'complete') return finish('warmup-stalled');
  for (let ci = READERS; ci < N; ci++) sockets[ci].pause();
  sendPhase = true;
  let rssMax = 0;
  const rssSampler = SERVER_PID ? setInterval(() => (rssMax = Math.max(rssMax, rssKiB(SERVER_PID))), 100) : undefined;
  const cpu0 = SERVER_PID ? cpuNs(SERVER_PID) : NaN;
  const ownCpu0 = process.cpuUsage();
  sendStartedAt = now();
  const outcome = await runBurst(0, M);
  const activeMs = lastReceiveAt - sendStartedAt;
  const serverCpuMs = (cpuNs(SERVER_PID) - cpu0) / 1e6;
  const ownCpu = process.cpuUsage(ownCpu0);
  clearInterval(rssSampler);

  result.lost = result.expected - result.delivered;
  result.durationMs = Math.round(activeMs);
  result.deliveriesPerSec = Math.round(result.delivered / (activeMs / 1000));
  result.latencyMs = percentiles();
  result.loadgenCpuPct = Math.round(((ownCpu.user + ownCpu.system) / 1000 / activeMs) * 100);
  if (SERVER_PID) {
    result.serverCpuMs = Number(serverCpuMs.toFixed(2));
    result.cpuUsPerDelivery = Number(((serverCpuMs * 1000) / result.delivered).toFixed(3));
    result.serverRssMaxKiB = rssMax;
  }
  if (SLOW > 0) {
    // Let the slow readers read again: a dropped one drains what reached it, then sees its close.
    for (let ci = READERS; ci < N; ci++) sockets[ci].resume();
    const deadline = now() + 5000;
    while (slowCloseCodes.length < SLOW && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    result.slowClients = { closeCodes: slowCloseCodes, received: Array.from(slowReceived.subarray(0, SLOW)) };
  }
  clearTimeout(hardLimit);
  finish(outcome === 'complete' ? 'ok' : 'lossy', outcome === 'complete' ? null : 'deliveries stopped before the end');
}

main().catch((error) => finish('error', error.stack));
