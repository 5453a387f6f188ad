// @ts-check
// What `npm run bench` measures: the servers it starts and the scenarios it runs against them.
// s2, s3 and s4 follow a common broadcast-benchmark method (clients, senders, messages, sizes, window
// and rate as docs/benchmarks.md lists them); s2 and s3 also run uWebSockets.js, the upper anchor.
import { loadUws } from './uws-binary.mjs';

/**
 * @typedef {object} Server
 * @property {string} describe
 * @property {(dataDir: string) => string[]} argv the command; each run gets a fresh temporary dataDir
 * @property {() => string | null} [unavailable] why the server cannot run on this machine, or null
 */
/**
 * @typedef {object} Reference a row a figure is read against, as a ratio
 * @property {string} [scenario] another scenario's row (default: the same scenario)
 * @property {string} server
 * @property {'cpuUsPerDelivery' | 'p99Ms' | 'rssPerConnKiB'} metric
 */
/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string[]} servers
 * @property {boolean} [quick] part of --quick
 * @property {boolean} [coldStart] measures spawn to "listening" only
 * @property {Record<string, Reference[]>} [compare] per server, the rows its ratios are taken against
 * @property {Record<string, string | number>} [load] the load generator's options (bench/loadgen.mjs)
 */

const RICH = 'lan-chat.v1';
/**
 * The host's admission limits are raised past the largest scenario (5,000 clients from one address),
 * and its send budgets (per connection: 100 msg/s after a burst of 200; per address: twice that, and
 * 64 KiB/s after 8 MiB) past what the scenarios send, all from 127.0.0.1: these measure fan-out, not
 * the rate limiter.
 */
const HOST_LIMITS = [
  '--max-connections',
  '6000',
  '--max-connections-per-ip',
  '6000',
  '--rate-per-second',
  '100000',
  '--rate-burst',
  '100000',
  '--sender-bytes-per-second',
  '1000000000',
  '--sender-burst-bytes',
  '1000000000',
];
/**
 * The build the host runs from: `dist/` by default; LAN_CHAT_DIST names a snapshot copy of it (with
 * `package.json` and `node_modules` beside it) so a rebuild during a long run cannot change it mid-way.
 */
const DIST = process.env.LAN_CHAT_DIST ?? 'dist';
/** @type {(extra: (dataDir: string) => string[]) => (dataDir: string) => string[]} */
const host = (extra) => (dataDir) => [
  process.execPath,
  `${DIST}/electron/cli.js`,
  'serve',
  '--host',
  '127.0.0.1',
  '--port',
  '0',
  '--quiet',
  ...HOST_LIMITS,
  ...extra(dataDir),
];

/**
 * Each server prints "listening on <scheme>://<ip>:<port>/" once it accepts connections.
 * @type {Record<string, Server>}
 */
export const servers = {
  host: {
    describe: 'the headless host (dist/electron/cli.js serve), history written to an on-disk log',
    argv: host((dataDir) => ['--data-dir', dataDir]),
  },
  'host-memory': {
    describe: 'the headless host without a data directory: history in memory only',
    argv: host(() => []),
  },
  baseline: {
    describe: 'textbook ws: wss.clients.forEach(c => c.send(data)) (bench/baseline-ws.mjs)',
    argv: () => [process.execPath, 'bench/baseline-ws.mjs', '0'],
  },
  uws: {
    describe: 'uWebSockets.js pub/sub: every client subscribed to one topic, every message published to it (bench/uws-broadcast.mjs)',
    argv: () => [process.execPath, 'bench/uws-broadcast.mjs', '0'],
    unavailable: () => {
      const loaded = loadUws();
      return 'error' in loaded ? loaded.error : null;
    },
  },
};

/** @type {(server: string) => Reference} */
const cpuOf = (server) => ({ server, metric: 'cpuUsPerDelivery' });
const vsBaseline = { host: [cpuOf('baseline')], 'host-memory': [cpuOf('baseline')] };
/** The host's CPU per delivery as a ratio to uWebSockets.js's and to textbook ws's, measured in the same run. */
const vsUwsAndBaseline = {
  host: [cpuOf('uws'), cpuOf('baseline')],
  'host-memory': [cpuOf('uws'), cpuOf('baseline')],
  baseline: [cpuOf('uws')],
};

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'cold-start',
    servers: ['host'],
    quick: true,
    coldStart: true,
  },
  {
    name: 's2',
    servers: ['host', 'host-memory', 'baseline', 'uws'],
    quick: true,
    compare: vsUwsAndBaseline,
    load: { clients: 1000, senders: 1, messages: 200, size: 64, window: 32 },
  },
  {
    name: 's3',
    servers: ['host', 'host-memory', 'baseline', 'uws'],
    quick: true,
    compare: vsUwsAndBaseline,
    load: { clients: 1000, senders: 10, messages: 500, size: 1024, window: 32 },
  },
  {
    name: 's4',
    servers: ['host', 'baseline'],
    compare: { host: [{ server: 'baseline', metric: 'p99Ms' }] },
    load: { clients: 1000, senders: 10, messages: 250, size: 256, rate: 50 },
  },
  {
    name: 's2-rich',
    servers: ['host'],
    quick: true,
    compare: { host: [{ scenario: 's2', ...cpuOf('host') }] },
    load: { clients: 1000, senders: 1, messages: 200, size: 64, window: 32, protocol: RICH },
  },
  {
    name: 's3-rich',
    servers: ['host'],
    compare: { host: [{ scenario: 's3', ...cpuOf('host') }] },
    load: { clients: 1000, senders: 10, messages: 500, size: 1024, window: 32, protocol: RICH },
  },
  {
    name: 'idle',
    servers: ['host', 'baseline'],
    compare: { host: [{ server: 'baseline', metric: 'rssPerConnKiB' }] },
    load: { clients: 1000, messages: 0, settle: 1000 },
  },
  {
    name: 'idle-rich',
    servers: ['host'],
    compare: { host: [{ scenario: 'idle', server: 'baseline', metric: 'rssPerConnKiB' }] },
    load: { clients: 1000, messages: 0, settle: 1000, protocol: RICH },
  },
  // One client stops reading while 8 MiB flows to it: the host must drop it at its buffered cap, and
  // the others' latency must stay within 2x of the same load without it.
  {
    name: 'slow-control',
    servers: ['host'],
    load: { clients: 100, senders: 10, messages: 2000, size: 4096, rate: 400 },
  },
  {
    name: 'slow-consumer',
    servers: ['host'],
    compare: { host: [{ scenario: 'slow-control', server: 'host', metric: 'p99Ms' }] },
    load: { clients: 101, senders: 10, messages: 2000, size: 4096, rate: 400, slow: 1 },
  },
  {
    name: 'scale-5000',
    servers: ['host', 'baseline'],
    compare: vsBaseline,
    load: { clients: 5000, senders: 1, messages: 20, size: 64, window: 4, warmup: 10, 'connect-concurrency': 100 },
  },
];
