// @ts-check
// `npm run bench` (after the fan-out table), or on its own: node bench/files.mjs [--size-mib 1024]
// Files through the real headless host, against a plain Node `http` server that pipes to and from a
// file (bench/baseline-files.mjs), in the same run, servers on CPU 0 and this client on CPU 1:
//   upload / download   throughput of one file of --size-mib on loopback, as a ratio to the plain server
//   memory              the host's RSS growth during that upload, and during ten parallel 100 MiB downloads
//   chat under upload   CPU per chat delivery while an upload streams in (at --upload-mbps, a fast LAN),
//                       as a ratio to the same chat with nothing else going on; the upload's own CPU,
//                       measured alone first, is taken out
//   pictures            the longest main-thread task in the peer page and in the host window while 100
//                       picture messages arrive (the bound is 50 ms)
// Prints a table and writes bench/results/files.json. Needs `npm run build`. The requests it makes are
// bench/files-http.mjs's, the pictures part is bench/files-pictures.mjs.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { http, joinRich, roomUpload, share } from './files-http.mjs';
import { longTasksWhilePicturesArrive } from './files-pictures.mjs';
import { cpuNs, rssKiB } from './proc.mjs';

/** @typedef {import('./files-http.mjs').Pacing} Pacing */

const { values: opt } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '1024' },
    'upload-mbps': { type: 'string', default: '40' },
    clients: { type: 'string', default: '400' },
    messages: { type: 'string', default: '2000' },
    // Which parts to run: transfer (throughput and memory), chat, pictures.
    parts: { type: 'string', default: 'transfer,chat,pictures' },
  },
});
const PARTS = new Set((opt.parts ?? '').split(','));
const MIB = 1024 * 1024;
const SIZE = Number(opt['size-mib']) * MIB;
const UPLOAD_BYTES_PER_S = Number(opt['upload-mbps']) * 1e6;
const CLIENTS = Number(opt.clients);
const MESSAGES = Number(opt.messages);
const CHAT_RATE = 250;
/** A chat whose deliveries are not all in by then is measured on those that are (a client the host dropped for not reading). */
const CHAT_DEADLINE_MS = 60_000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'lan-chat-bench-files-'));
/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
const canPin = cpus().length >= 2;
/** @param {number} cpu */
const pin = (cpu) => (canPin ? ['taskset', '-c', String(cpu)] : []);
if (canPin) spawn('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => process.exit(130));

/**
 * Starts a server process pinned to CPU 0; resolves with its port and pid once it prints "listening on".
 * @param {string[]} argv
 */
async function start(argv) {
  const child = spawn(pin(0)[0] ?? argv[0], [...pin(0).slice(1), ...(canPin ? argv : argv.slice(1))], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const port = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/[^\s/]+:(\d+)\//.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`${argv.join(' ')} exited with ${code}`)));
  });
  return { child, port: /** @type {number} */ (port), pid: /** @type {number} */ (child.pid) };
}

/** @param {import('node:child_process').ChildProcess} child */
async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  children.delete(child);
}

/**
 * A file of `size` bytes (a random block repeated: nothing on the way compresses).
 * @param {number} size
 */
function makeFile(size) {
  const path = join(work, `source-${size}`);
  const block = Buffer.alloc(8 * MIB);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
  const fd = openSync(path, 'w');
  for (let written = 0; written < size; written += block.length) writeSync(fd, block, 0, Math.min(block.length, size - written));
  closeSync(fd);
  return path;
}

/**
 * Samples a process's RSS until stopped; returns the growth over the first sample, in MiB.
 * @param {number} pid
 */
function rssGrowth(pid) {
  const before = rssKiB(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssKiB(pid))), 20);
  return () => {
    clearInterval(timer);
    return Math.round(((peak - before) / 1024) * 10) / 10;
  };
}

/**
 * `CLIENTS` raw clients, one sender at `CHAT_RATE`/s for `MESSAGES` messages; resolves with the host's
 * CPU over the send phase and the deliveries.
 * @param {number} port @param {number} pid
 */
async function chat(port, pid) {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, () => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/`, 'lws-minimal');
      return new Promise((resolve) => ws.on('open', () => resolve(ws)));
    }),
  );
  let delivered = 0;
  const all = new Promise((resolve) => {
    setTimeout(resolve, CHAT_DEADLINE_MS).unref();
    for (const ws of clients) {
      /** @type {WebSocket} */ (ws).on('message', () => {
        if (++delivered === CLIENTS * MESSAGES) resolve(undefined);
      });
    }
  });
  const sender = /** @type {WebSocket} */ (clients[0]);
  const cpuBefore = cpuNs(pid);
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    sender.send(`message ${i} of the chat while files move`);
    const due = started + ((i + 1) * 1000) / CHAT_RATE;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
  }
  await all;
  const cpu = cpuNs(pid) - cpuBefore;
  const seconds = (performance.now() - started) / 1000;
  for (const ws of clients) /** @type {WebSocket} */ (ws).terminate();
  if (delivered < CLIENTS * MESSAGES) console.error(`files bench: ${delivered} of ${CLIENTS * MESSAGES} deliveries arrived`);
  return { cpuNs: cpu, deliveries: delivered, seconds };
}

const rows = /** @type {{ what: string, lanChat: string, plain: string, ratio: string, bound: string }[]} */ ([]);
/** @param {number} bytes @param {number} ms */
const mbps = (bytes, ms) => (bytes / MIB / (ms / 1000)).toFixed(0);

// ---- throughput and memory ---------------------------------------------------------------------------
console.error(`files bench: making a ${SIZE / MIB} MiB file...`);
const source = makeFile(SIZE);
const dataDir = join(work, 'room');
const host = await start([
  process.execPath,
  'dist/electron/cli.js',
  'serve',
  '--host',
  '127.0.0.1',
  '--port',
  '0',
  '--quiet',
  '--data-dir',
  dataDir,
  '--max-file-size',
  '100GB',
  '--file-storage',
  '100GB',
  '--upload-per-hour',
  '1000GB',
  '--min-free-disk',
  '0',
  // Every client of the bench comes from 127.0.0.1.
  '--max-connections-per-ip',
  '5000',
]);
const plain = await start([process.execPath, 'bench/baseline-files.mjs', work]);
const guest = await joinRich(host.port, 'Bench');

if (PARTS.has('transfer')) {
  console.error('files bench: uploads...');
  const hundred = makeFile(100 * MIB);
  const plainUp = await http(plain.port, 'PUT', '/', { file: source, size: SIZE });
  const durableUp = await http(plain.port, 'PUT', '/?fsync', { file: source, size: SIZE });
  const stopRss = rssGrowth(host.pid);
  const roomUp = await roomUpload(host.port, guest.session, source, SIZE, 'big.bin');
  const uploadRss = stopRss();
  const shared = await share(guest.ws, [roomUp.id]);
  const big = shared.files[0];
  rows.push({
    what: `upload ${SIZE / MIB} MiB (MiB/s)`,
    lanChat: mbps(SIZE, roomUp.ms),
    plain: mbps(SIZE, plainUp.ms),
    ratio: (plainUp.ms / roomUp.ms).toFixed(2),
    bound: '>= 0.80',
  });
  // The room flushes a file to disk before it calls it stored; the same plain server doing so too.
  rows.push({
    what: `upload ${SIZE / MIB} MiB, plain server flushing to disk too (MiB/s)`,
    lanChat: mbps(SIZE, roomUp.ms),
    plain: mbps(SIZE, durableUp.ms),
    ratio: (durableUp.ms / roomUp.ms).toFixed(2),
    bound: '>= 0.80',
  });

  console.error('files bench: downloads...');
  const plainDown = await http(plain.port, 'GET', '/');
  const roomDown = await http(host.port, 'GET', `/files/${big.id}/big.bin`);
  if (roomDown.bytes !== SIZE) throw new Error(`download: ${roomDown.bytes} of ${SIZE} bytes`);
  rows.push({
    what: `download ${SIZE / MIB} MiB (MiB/s)`,
    lanChat: mbps(SIZE, roomDown.ms),
    plain: mbps(SIZE, plainDown.ms),
    ratio: (plainDown.ms / roomDown.ms).toFixed(2),
    bound: '>= 0.80',
  });
  rows.push({ what: `host RSS growth, ${SIZE / MIB} MiB upload (MiB)`, lanChat: String(uploadRss), plain: '-', ratio: '-', bound: '< 64' });

  const small = await roomUpload(host.port, guest.session, hundred, 100 * MIB, 'hundred.bin');
  const smallRef = (await share(guest.ws, [small.id])).files[0];
  const stopRss10 = rssGrowth(host.pid);
  await Promise.all(Array.from({ length: 10 }, () => http(host.port, 'GET', `/files/${smallRef.id}/hundred.bin`)));
  rows.push({
    what: 'host RSS growth, 10 parallel 100 MiB downloads (MiB)',
    lanChat: String(stopRss10()),
    plain: '-',
    ratio: '-',
    bound: '< 64',
  });
}

// ---- chat while an upload streams in -------------------------------------------------------------------
if (PARTS.has('chat')) {
  console.error('files bench: chat fan-out idle, an upload alone, and both...');
  const idle = await chat(host.port, host.pid);
  const aloneBytes = Math.min(SIZE, 200 * MIB);
  const cpuAlone = cpuNs(host.pid);
  await roomUpload(host.port, guest.session, source, aloneBytes, 'alone.bin', UPLOAD_BYTES_PER_S);
  const uploadCpuPerByte = (cpuNs(host.pid) - cpuAlone) / aloneBytes;
  // An upload longer than the chat streams in while it runs, and is cut when the chat is done: the
  // bytes that went in meanwhile, at the CPU per byte measured alone, are taken out.
  /** @type {Pacing} */
  const pacing = { sent: 0 };
  const during = roomUpload(host.port, guest.session, source, SIZE, 'during.bin', UPLOAD_BYTES_PER_S, '', pacing).catch(() => null);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const sentBefore = pacing.sent;
  const busy = await chat(host.port, host.pid);
  const uploadedDuringChat = pacing.sent - sentBefore;
  pacing.stop?.();
  await during;
  const idleUs = idle.cpuNs / idle.deliveries / 1000;
  const busyUs = (busy.cpuNs - uploadCpuPerByte * uploadedDuringChat) / busy.deliveries / 1000;
  rows.push({
    what: `chat CPU µs/delivery (${CLIENTS} clients, ${CHAT_RATE} msg/s), upload at ${UPLOAD_BYTES_PER_S / 1e6} MB/s vs idle`,
    lanChat: busyUs.toFixed(3),
    plain: idleUs.toFixed(3),
    ratio: (busyUs / idleUs).toFixed(2),
    bound: '<= 1.10',
  });
}

// ---- 100 picture messages into a page and the host window -----------------------------------------------
if (PARTS.has('pictures')) {
  console.error('files bench: 100 picture messages...');
  const { textLong, peerLong, hostLong } = await longTasksWhilePicturesArrive({ port: host.port, guest, work, root: ROOT });
  /** @param {number[]} list */
  const longest = (list) => (list.length === 0 ? '0 (none over 50)' : Math.round(Math.max(...list)).toString());
  rows.push({
    what: 'longest task, peer page, 100 text messages, control (ms)',
    lanChat: longest(textLong),
    plain: '-',
    ratio: '-',
    bound: '-',
  });
  rows.push({
    what: 'longest task, peer page, 100 picture messages (ms)',
    lanChat: longest(peerLong),
    plain: '-',
    ratio: '-',
    bound: '<= 50',
  });
  rows.push({
    what: 'longest task, host window, 100 picture messages (ms)',
    lanChat: longest(hostLong),
    plain: '-',
    ratio: '-',
    bound: '<= 50',
  });
}

guest.ws.close();
await stop(host.child);
await stop(plain.child);

console.log(
  `# LAN Chat files bench ${new Date().toISOString()}: ${cpus().length} x ${cpus()[0]?.model}, node ${process.version}, ${canPin ? 'servers on CPU 0, client on CPU 1' : 'not pinned'}`,
);
/**
 * Whether a row keeps its bound: the ratio where there is one, else the figure (a "0 (none over 50)" reads as 0).
 * @param {{ lanChat: string, ratio: string, bound: string }} row
 */
function kept(row) {
  const match = /^(>=|<=|<) ([\d.]+)$/.exec(row.bound);
  if (match === null) return true;
  const value = parseFloat(row.ratio === '-' ? row.lanChat : row.ratio);
  const limit = Number(match[2]);
  return match[1] === '>=' ? value >= limit : match[1] === '<=' ? value <= limit : value < limit;
}
console.log('| measure | LAN Chat | plain http / idle | ratio | bound |\n|---|---|---|---|---|');
for (const row of rows)
  console.log(`| ${row.what} | ${row.lanChat} | ${row.plain} | ${row.ratio} | ${row.bound}${kept(row) ? '' : ' MISSED'} |`);
writeFileSync(join(ROOT, 'bench', 'results', 'files.json'), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
process.exit(rows.every(kept) ? 0 : 1);
