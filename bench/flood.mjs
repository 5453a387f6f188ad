// @ts-check
// Flood measurements of the two pages in Chromium (issue 5): does the main thread stay smooth?
//
//   node bench/flood.mjs [--history 100000] [--rate 500] [--seconds 10] [--peer-messages 10000]
//
// Host window: the built page (dist/renderer/host) with a `window.lanChat` stand-in whose snapshot
// holds --history messages, then --rate chat events/s for --seconds, delivered the way the preload
// does (batched, at most one call per animation frame). Peer page: the real headless host serves it;
// raw clients send --peer-messages messages at --rate while the page is joined. Both report the
// longest main-thread task (PerformanceObserver 'longtask'; the bound is 50 ms), also over the same time
// with nothing arriving (machine noise), and the JS heap after
// the load, after the flood and after a garbage collection. Prints a table, writes
// bench/results/flood.json. Needs `npm run build` first (npm run bench builds).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

/** @import { Browser, CDPSession, Page } from 'playwright-core' */
/** @import { HostEvent, LanChatApi } from '../electron/ipc-contract.js' */
/** @import { ChatMessage } from '../common/model.js' */
/**
 * The page's window with what the scripts below add to it.
 * @typedef {Window & typeof globalThis & {
 *   __longTasks: { at: number, ms: number }[],
 *   __flood: (rate: number, seconds: number) => Promise<number>,
 *   lanChat: LanChatApi,
 * }} FloodWindow
 */
/** @typedef {{ count: number, maxMs: number }} LongTasks */

const { values: opt } = parseArgs({
  options: {
    history: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
    'peer-messages': { type: 'string', default: '10000' },
    // Also record a CPU profile of each page during the flood: bench/results/flood-<page>.local.cpuprofile
    profile: { type: 'boolean', default: false },
  },
});
const HISTORY = Number(opt.history);
const RATE = Number(opt.rate);
const SECONDS = Number(opt.seconds);
const PEER_MESSAGES = Number(opt['peer-messages']);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER = join(ROOT, 'dist', 'renderer');
const LONG_TASK_BOUND_MS = 50;
const TIME_LIMIT_MS = 180_000;

const hardLimit = setTimeout(() => {
  console.error(`flood: no result within ${TIME_LIMIT_MS / 1000} s`);
  process.exit(3);
}, TIME_LIMIT_MS);

// ---- serving the built host page ------------------------------------------------------------------

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Every file of the build, by URL path: a fixed map, never a path taken from the request.
 * @param {string} dir
 */
function routes(dir) {
  /** @type {Map<string, string>} */
  const map = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    map.set(`/${relative(dir, file).split('\\').join('/')}`, file);
  }
  return map;
}

/** @returns {Promise<import('node:http').Server>} */
function serveBuild() {
  const files = routes(RENDERER);
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- in the page ----------------------------------------------------------------------------------

/** Runs in the page before its scripts: counts long tasks from the very start. */
function observeLongTasks() {
  const page = /** @type {FloodWindow} */ (window);
  page.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) page.__longTasks.push({ at: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Runs in the page before its scripts: a `window.lanChat` stand-in with a big history and a flood.
 * @param {{ history: number }} options
 */
function installLanChatStub({ history }) {
  const page = /** @type {FloodWindow} */ (window);
  /** @type {ChatMessage['from'][]} */
  const people = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, name: `Guest ${i}`, kind: i % 4 ? 'rich' : 'raw' }));
  const t0 = Date.now() - history * 1000;
  /** @type {(seq: number) => ChatMessage} */
  const message = (seq) => ({
    seq,
    ts: t0 + seq * 1000,
    from: people[seq % people.length],
    text: `Message ${seq}: the quick brown fox jumps over the lazy dog ${'·'.repeat(seq % 40)}`,
  });
  /** @type {import('../common/host-view.js').RoomSettings} */
  const settings = {
    port: 7681,
    roomName: 'Flood',
    hostName: 'Host',
    pin: null,
    saveHistory: true,
    language: 'en',
    theme: 'light',
    keepRunningInTray: true,
    openAtLogin: false,
    maxFileBytes: 2 ** 31,
    fileStorageBytes: 10 * 2 ** 30,
    maxUploadsAtOnce: 3,
    uploadBytesPerHour: 4 * 2 ** 30,
    minFreeDiskBytes: 2 ** 30,
  };
  let lastSeq = history;
  /** @type {Set<Parameters<LanChatApi['onEvent']>[0]>} */
  const listeners = new Set();
  /** @returns {import('../common/host-view.js').RoomStatus} */
  const status = () => ({
    running: true,
    bindAddress: '0.0.0.0',
    port: 7681,
    clientCount: people.length,
    lastSeq,
    locked: false,
    error: null,
  });
  page.lanChat = {
    getSnapshot: async () => ({
      status: status(),
      urls: [{ url: 'http://192.168.1.20:7681/', address: '192.168.1.20', interface: 'wlan0', virtual: false }],
      clients: people.map((p) => ({
        ...p,
        address: '192.168.1.30',
        protocol: p.kind === 'raw' ? 'lws-minimal' : 'lan-chat.v1',
        connectedAt: t0,
      })),
      history: Array.from({ length: history }, (_, i) => message(i + 1)),
      events: [],
      moderation: { locked: false, waitingRoom: false, slowModeSeconds: 0, waiting: [], bans: [], mutes: [] },
      settings,
      maxMessageBytes: 16384,
      arrivals: {},
      platform: 'linux',
    }),
    onEvent: (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    send: async (text) => ({ seq: ++lastSeq, ts: Date.now(), from: { id: 'host', name: 'Host', kind: 'host' }, text }),
    kick: async () => true,
    updateSettings: async (update) => Object.assign(settings, update),
    exportHistory: async () => ({ saved: false, reason: 'cancelled' }),
    clearHistory: async () => {},
    getWifi: async () => ({ network: null, persisted: true }),
    setWifi: async () => ({ network: null, persisted: true }),
    shareFiles: async () => {
      throw new Error('not used by the flood');
    },
    saveFile: async () => ({ saved: false, reason: 'cancelled' }),
    showFile: async () => false,
    // The flood measures drawing; nobody moderates.
    ban: async () => null,
    unban: async () => false,
    mute: async () => null,
    unmute: async () => false,
    setLocked: async () => false,
    setWaitingRoom: async () => false,
    admit: async () => false,
    admitAll: async () => 0,
    turnAway: async () => false,
    setSlowMode: async () => false,
    setPin: async (pin) => Object.assign(settings, { pin }),
    removeMessage: async () => false,
  };
  /** `rate` chat events/s for `seconds`, one batch per animation frame, as the preload delivers them. */
  page.__flood = (rate, seconds) =>
    new Promise((resolve) => {
      const start = performance.now();
      let sent = 0;
      const frame = () => {
        const elapsed = performance.now() - start;
        const due = Math.min(Math.floor((elapsed * rate) / 1000), rate * seconds);
        /** @type {HostEvent[]} */
        const batch = [];
        while (sent < due) {
          batch.push({ type: 'chat', message: { ...message(++lastSeq), ts: Date.now() } });
          sent++;
        }
        if (batch.length) for (const listener of listeners) listener(batch);
        if (sent < rate * seconds) requestAnimationFrame(frame);
        else resolve(sent);
      };
      requestAnimationFrame(frame);
    });
}

// ---- measuring ------------------------------------------------------------------------------------

/** @param {CDPSession} cdp */
async function heapMiB(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Number(((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20).toFixed(1));
}

/**
 * @param {Page} page
 * @param {number} since
 * @returns {Promise<LongTasks>}
 */
async function longTasksSince(page, since) {
  const tasks = await page.evaluate((t) => /** @type {FloodWindow} */ (window).__longTasks.filter((task) => task.at >= t), since);
  return { count: tasks.length, maxMs: Math.round(Math.max(0, ...tasks.map((task) => task.ms))) };
}

/**
 * @param {string} name
 * @param {Page} page
 * @param {{ load: () => Promise<void>, flood: () => Promise<number> }} steps
 */
async function measurePage(name, page, { load, flood }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const loadStart = Date.now();
  await load();
  const loadMs = Date.now() - loadStart;
  const afterLoad = await page.evaluate(() => performance.now());
  const loadTasks = await longTasksSince(page, 0);
  const heapAfterLoad = await heapMiB(cdp);
  // The same time with nothing arriving: on a busy machine, preemption alone makes long tasks.
  await page.waitForTimeout(SECONDS * 1000);
  const idleTasks = await longTasksSince(page, afterLoad);
  const floodStart = await page.evaluate(() => performance.now());
  if (opt.profile) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
  const delivered = await flood();
  const floodTasks = await longTasksSince(page, floodStart);
  if (opt.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(ROOT, 'bench', 'results', `flood-${name}.local.cpuprofile`), JSON.stringify(profile));
  }
  const heapAfterFlood = await heapMiB(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapAfterGc = await heapMiB(cdp);
  return {
    loadMs,
    loadLongTasks: loadTasks,
    idleLongTasks: idleTasks,
    floodLongTasks: floodTasks,
    delivered,
    heapMiB: { afterLoad: heapAfterLoad, afterFlood: heapAfterFlood, afterGc: heapAfterGc },
  };
}

/** @param {Browser} browser */
async function hostWindow(browser) {
  const server = await serveBuild();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.addInitScript(observeLongTasks);
    await page.addInitScript(installLanChatStub, { history: HISTORY });
    const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/host/index.html`;
    return await measurePage('host', page, {
      load: async () => {
        await page.goto(url);
        await page.getByRole('log').waitFor({ timeout: 60_000 });
      },
      flood: () => page.evaluate(([rate, seconds]) => /** @type {FloodWindow} */ (window).__flood(rate, seconds), [RATE, SECONDS]),
    });
  } finally {
    await page.close();
    server.close();
  }
}

/**
 * The real headless host on a free port.
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, port: number, dataDir: string }>}
 */
function startHost() {
  const dataDir = mkdtempSync(join(tmpdir(), 'lan-chat-flood-'));
  const child = spawn(
    process.execPath,
    ['dist/electron/cli.js', 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--quiet'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/[^\s/]+:(\d+)\//.exec(output);
      if (match) resolve({ child, port: Number(match[1]), dataDir });
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
  });
}

/**
 * Raw clients sending `total` messages at `rate` in all, each under the host's per-connection rate.
 * @param {number} port
 * @param {number} total
 * @param {number} rate
 */
async function rawFlood(port, total, rate) {
  const senders = Math.max(1, Math.ceil(rate / 50));
  const sockets = await Promise.all(
    Array.from(
      { length: senders },
      () =>
        /** @type {Promise<WebSocket>} */ (
          new Promise((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/`, ['lws-minimal']);
            ws.on('open', () => resolve(ws));
            ws.on('error', reject);
          })
        ),
    ),
  );
  const start = Date.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - start) * rate) / 1000));
    for (; sent < due; sent++) sockets[sent % senders].send(`flood ${sent}: the quick brown fox jumps over the lazy dog`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (const ws of sockets) ws.close();
  return sent;
}

/** @param {Browser} browser */
async function peerPage(browser) {
  const host = await startHost();
  const page = await browser.newPage({ viewport: { width: 400, height: 800 } });
  try {
    await page.addInitScript(observeLongTasks);
    return await measurePage('peer', page, {
      load: async () => {
        await page.goto(`http://127.0.0.1:${host.port}/?lang=en`);
        await page.getByRole('textbox', { name: 'Your name' }).fill('Flood watcher');
        await page.getByRole('button', { name: 'Join' }).click();
        await page.getByRole('textbox', { name: 'Message' }).waitFor();
      },
      flood: async () => {
        const sent = await rawFlood(host.port, PEER_MESSAGES, RATE);
        const last = `flood ${sent - 1}:`;
        await page.getByRole('log').getByText(last, { exact: false }).waitFor({ timeout: 30_000 });
        return sent;
      },
    });
  } finally {
    await page.close();
    host.child.kill('SIGTERM');
    await new Promise((resolve) => (host.child.exitCode === null ? host.child.once('exit', resolve) : resolve(undefined)));
    rmSync(host.dataDir, { recursive: true, force: true });
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
/** @type {Record<string, Awaited<ReturnType<typeof measurePage>> | { error: string }>} */
const results = {};
try {
  for (const [name, run] of /** @type {const} */ ([
    ['host window', hostWindow],
    ['peer page', peerPage],
  ])) {
    try {
      results[name] = await run(browser);
    } catch (error) {
      results[name] = { error: String(error instanceof Error ? error.message : error).split('\n')[0] ?? '' };
    }
  }
} finally {
  await browser.close();
}
clearTimeout(hardLimit);

console.log(
  `# flood ${new Date().toISOString()}: host window ${HISTORY} in history + ${RATE}/s for ${SECONDS} s; peer page ${PEER_MESSAGES} at ${RATE}/s`,
);
console.log(
  '| page | load ms | longest task during load ms | long tasks / longest ms, idle | long tasks / longest ms, flood | heap MiB after load / flood / GC | verdict |\n|---|---|---|---|---|---|---|',
);
for (const [name, r] of Object.entries(results)) {
  if ('error' in r) {
    console.log(`| ${name} | - | - | - | - | - | ERROR: ${r.error} |`);
    continue;
  }
  const ok = r.floodLongTasks.maxMs <= LONG_TASK_BOUND_MS;
  console.log(
    `| ${name} | ${r.loadMs} | ${r.loadLongTasks.maxMs} | ${r.idleLongTasks.count} / ${r.idleLongTasks.maxMs} | ${r.floodLongTasks.count} / ${r.floodLongTasks.maxMs} | ${r.heapMiB.afterLoad} / ${r.heapMiB.afterFlood} / ${r.heapMiB.afterGc} | ${ok ? 'ok' : `over ${LONG_TASK_BOUND_MS} ms`} |`,
  );
}
writeFileSync(
  join(ROOT, 'bench', 'results', 'flood.json'),
  `${JSON.stringify({ date: new Date().toISOString(), history: HISTORY, rate: RATE, seconds: SECONDS, peerMessages: PEER_MESSAGES, results }, null, 2)}\n`,
);
process.exit(Object.values(results).every((r) => !('error' in r) && r.floodLongTasks.maxMs <= LONG_TASK_BOUND_MS) ? 0 : 1);
