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
// Prints a table and writes bench/results/files.json. Needs `npm run build`.
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { runnerImport } from 'vite';
import WebSocket from 'ws';
import { cpuNs, rssKiB } from './proc.mjs';

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
 * How a paced upload is doing: bytes passed on so far, and a way to cut it.
 * @typedef {{ sent: number, stop?: () => void }} Pacing
 */

/**
 * Paces a stream to `bytesPerSecond`, counting into `pacing`.
 * @param {number} bytesPerSecond @param {Pacing} pacing
 */
function throttle(bytesPerSecond, pacing) {
  const started = performance.now();
  let sent = 0;
  return new Transform({
    transform(chunk, _encoding, done) {
      sent += chunk.length;
      const due = started + (sent / bytesPerSecond) * 1000;
      setTimeout(
        () => {
          pacing.sent += chunk.length;
          done(null, chunk);
        },
        Math.max(0, due - performance.now()),
      );
    },
  });
}

/**
 * One HTTP request; `body` is a file path streamed with its length. Resolves with status, headers, body
 * (kept only when `keep`), and the milliseconds from first byte sent to last byte received.
 * @param {number} port @param {string} method @param {string} path
 * @param {{ headers?: Record<string, string>, file?: string, size?: number, json?: unknown, keep?: boolean, paced?: number, pacing?: Pacing }} options
 */
function http(port, method, path, options = {}) {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    const json = options.json === undefined ? null : Buffer.from(JSON.stringify(options.json));
    if (json) headers['Content-Length'] = String(json.length);
    if (options.size !== undefined) headers['Content-Length'] = String(options.size);
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let bytes = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        if (options.keep) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), bytes, ms: performance.now() - started }));
    });
    req.on('error', reject);
    if (options.file) {
      const end = options.size === undefined ? undefined : options.size - 1;
      const source = createReadStream(options.file, { highWaterMark: MIB, end });
      const pacing = options.pacing ?? { sent: 0 };
      pacing.stop = () => req.destroy();
      const stages = options.paced ? [source, throttle(options.paced, pacing), req] : [source, req];
      pipeline(/** @type {[any, any]} */ (stages)).catch(reject);
    } else req.end(json ?? undefined);
  });
}

/**
 * Joins as a rich client; resolves with its socket and session.
 * @param {number} port @param {string} name
 */
async function joinRich(port, name) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, 'lan-chat.v1');
  const welcome = await new Promise((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, name })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'welcome') resolve(message);
    });
    ws.on('error', reject);
  });
  return { ws, session: /** @type {{ session: string }} */ (welcome).session };
}

/**
 * Uploads the first `size` bytes of `file` to the room as `session` (with `preview` as its preview,
 * paced to `paced` bytes/s when not 0); resolves with the upload id and the PUT's time.
 * @param {number} port @param {string} session @param {string} file @param {number} size @param {string} name
 * @param {number} [paced] @param {string} [preview] @param {Pacing} [pacing]
 * @returns {Promise<{ id: string, ms: number }>}
 */
async function roomUpload(port, session, file, size, name, paced = 0, preview = '', pacing = { sent: 0 }) {
  const auth = { Authorization: `Bearer ${session}` };
  const created = await http(port, 'POST', '/files/uploads', {
    headers: auth,
    json: { name, size, type: 'application/octet-stream' },
    keep: true,
  });
  if (created.status !== 201) throw new Error(`upload refused: ${created.body}`);
  const { id } = JSON.parse(String(created.body));
  if (preview !== '')
    await http(port, 'PUT', `/files/uploads/${id}/preview?width=3000&height=2250`, {
      headers: auth,
      file: preview,
      size: statSync(preview).size,
    });
  const put = await http(port, 'PUT', `/files/uploads/${id}`, {
    headers: { ...auth, 'Upload-Offset': '0' },
    file,
    size,
    keep: true,
    paced,
    pacing,
  });
  if (put.status !== 200) throw new Error(`PUT: ${put.status} ${put.body}`);
  return { id, ms: put.ms };
}

/**
 * Shares uploads in one message and waits for the room's copy.
 * @param {WebSocket} ws @param {string[]} ids
 * @returns {Promise<{ files: { id: string }[] }>}
 */
function share(ws, ids) {
  return new Promise((resolve) => {
    /** @param {import('ws').RawData} data */
    const onMessage = (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'chat' && message.files) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'chat', text: '', files: ids }));
  });
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
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const peerPage = await browser.newPage();
  await peerPage.goto(`http://127.0.0.1:${host.port}/?lang=en`);
  await peerPage.getByRole('textbox', { name: 'Your name', exact: true }).fill('Watcher');
  await peerPage.getByRole('button', { name: 'Join', exact: true }).click();
  await peerPage.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  /**
   * A JPEG of `width` x `height` drawn by Chromium: the photo, and its preview as a page makes it.
   * @param {number} width @param {number} height
   */
  async function jpeg(width, height) {
    const base64 = await peerPage.evaluate(
      ([w, h]) => {
        const canvas = document.createElement('canvas');
        canvas.width = w ?? 1;
        canvas.height = h ?? 1;
        const context = canvas.getContext('2d');
        if (context) {
          const gradient = context.createLinearGradient(0, 0, canvas.width, canvas.height);
          gradient.addColorStop(0, '#0f766e');
          gradient.addColorStop(1, '#fde68a');
          context.fillStyle = gradient;
          context.fillRect(0, 0, canvas.width, canvas.height);
        }
        return canvas.toDataURL('image/jpeg', 0.8).split(',')[1] ?? '';
      },
      [width, height],
    );
    return Buffer.from(base64, 'base64');
  }
  const picture = await jpeg(3000, 2250);
  const picturePath = join(work, 'picture.jpg');
  writeFileSync(picturePath, picture);
  const previewPath = join(work, 'preview.jpg');
  writeFileSync(previewPath, await jpeg(640, 480));

  /**
   * Long tasks in `page` while `run` goes on.
   * @param {import('playwright-core').Page} page @param {() => Promise<void>} run
   */
  async function longTasksDuring(page, run) {
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__long = [];
      w.__frames = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__long.push(entry.duration);
      }).observe({ type: 'longtask' });
      // What the long frames spent their time on, for the log (Chromium's long-animation-frame entries).
      new PerformanceObserver((list) => {
        for (const entry of /** @type {any[]} */ (list.getEntries())) {
          w.__frames.push(
            `${Math.round(entry.duration)} ms: ${entry.scripts.map((/** @type {any} */ x) => `${x.invoker} ${Math.round(x.duration)}`).join(', ') || 'no script'}`,
          );
        }
      }).observe({ type: 'long-animation-frame' });
    });
    await run();
    await page.waitForTimeout(500);
    console.error(`files bench: long frames: ${(await page.evaluate(() => /** @type {any} */ (window).__frames)).join('; ') || 'none'}`);
    return /** @type {number[]} */ (await page.evaluate(() => /** @type {any} */ (window).__long));
  }

  // Each picture with a preview (the picture itself is small enough to be one), as a page sends them.
  /** @type {string[]} */
  const ids = [];
  for (let i = 0; i < 100; i++)
    ids.push((await roomUpload(host.port, guest.session, picturePath, picture.length, `photo-${i}.jpg`, 0, previewPath)).id);
  // A control: 100 text messages in a burst, the same way (what this machine's load alone costs).
  const textLong = await longTasksDuring(peerPage, async () => {
    for (let i = 0; i < 100; i++) guest.ws.send(JSON.stringify({ type: 'chat', text: `text ${i} of a burst` }));
    await peerPage.getByRole('log').getByText('text 99 of a burst').waitFor();
  });
  const peerLong = await longTasksDuring(peerPage, async () => {
    for (const id of ids) guest.ws.send(JSON.stringify({ type: 'chat', text: '', files: [id] }));
    await peerPage.getByRole('log').getByRole('img', { name: 'photo-99.jpg' }).waitFor();
  });

  const { startHostHarness } = (await runnerImport(join(ROOT, 'scripts/lib/host-harness.ts'))).module;
  const { Room } = await import('../dist/electron/room/room.js');
  const harness = await startHostHarness({ browser, Room });
  const hostGuest = await joinRich(Number(new URL(harness.httpUrl).port), 'Bench');
  /** @type {string[]} */
  const hostIds = [];
  const harnessPort = Number(new URL(harness.httpUrl).port);
  for (let i = 0; i < 100; i++)
    hostIds.push((await roomUpload(harnessPort, hostGuest.session, picturePath, picture.length, `photo-${i}.jpg`, 0, previewPath)).id);
  const hostLong = await longTasksDuring(harness.page, async () => {
    for (const id of hostIds) hostGuest.ws.send(JSON.stringify({ type: 'chat', text: '', files: [id] }));
    await harness.page.getByRole('log').getByRole('img', { name: 'photo-99.jpg' }).waitFor();
  });
  await harness.close();
  await browser.close();
  hostGuest.ws.close();
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
