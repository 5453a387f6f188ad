// What `npm run bench` measures: the servers it starts and the scenarios it runs against them.
// s2, s3 and s4 are the shared broadcast harness's scenarios (same clients, senders, messages, sizes,
// window and rate), so our figures line up with its anchors (docs/benchmarks.md).

const RICH = 'lan-chat.v1';
/**
 * The host's admission limits are raised past the largest scenario (5,000 clients from one address),
 * and its per-connection send rate (default 100 msg/s after a burst of 200) past what s2 and s3 ask
 * of one sender: these measure fan-out, not the rate limiter.
 */
const HOST_LIMITS = ['--max-connections', '6000', '--max-connections-per-ip', '6000', '--rate-per-second', '100000', '--rate-burst', '100000'];
/**
 * The build the host runs from: `dist/` by default; LAN_CHAT_DIST names a snapshot copy of it (with
 * `package.json` and `node_modules` beside it) so a rebuild during a long run cannot change it mid-way.
 */
const DIST = process.env.LAN_CHAT_DIST ?? 'dist';
const host = (extra) => (dataDir) => [process.execPath, `${DIST}/electron/cli.js`, 'serve', '--host', '127.0.0.1', '--port', '0', '--quiet', ...HOST_LIMITS, ...extra(dataDir)];

/** Each server prints "listening on <scheme>://<ip>:<port>/" once it accepts connections. */
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
};

const vsBaseline = { host: { server: 'baseline', metric: 'cpuUsPerDelivery' }, 'host-memory': { server: 'baseline', metric: 'cpuUsPerDelivery' } };

/**
 * name, the servers it runs on, the load generator's options (bench/loadgen.mjs), `quick` when it is
 * part of --quick, and `compare`: per server, the row (same scenario unless named) and the metric its
 * ratio is taken against.
 */
export const scenarios = [
  {
    name: 'cold-start', servers: ['host'], quick: true, coldStart: true,
  },
  {
    name: 's2', servers: ['host', 'host-memory', 'baseline'], quick: true, compare: vsBaseline,
    load: { clients: 1000, senders: 1, messages: 200, size: 64, window: 32 },
  },
  {
    name: 's3', servers: ['host', 'host-memory', 'baseline'], quick: true, compare: vsBaseline,
    load: { clients: 1000, senders: 10, messages: 500, size: 1024, window: 32 },
  },
  {
    name: 's4', servers: ['host', 'baseline'], compare: { host: { server: 'baseline', metric: 'p99Ms' } },
    load: { clients: 1000, senders: 10, messages: 250, size: 256, rate: 50 },
  },
  {
    name: 's2-rich', servers: ['host'], quick: true, compare: { host: { scenario: 's2', server: 'host', metric: 'cpuUsPerDelivery' } },
    load: { clients: 1000, senders: 1, messages: 200, size: 64, window: 32, protocol: RICH },
  },
  {
    name: 's3-rich', servers: ['host'], compare: { host: { scenario: 's3', server: 'host', metric: 'cpuUsPerDelivery' } },
    load: { clients: 1000, senders: 10, messages: 500, size: 1024, window: 32, protocol: RICH },
  },
  {
    name: 'idle', servers: ['host', 'baseline'], compare: { host: { server: 'baseline', metric: 'rssPerConnKiB' } },
    load: { clients: 1000, messages: 0, settle: 1000 },
  },
  {
    name: 'idle-rich', servers: ['host'], compare: { host: { scenario: 'idle', server: 'baseline', metric: 'rssPerConnKiB' } },
    load: { clients: 1000, messages: 0, settle: 1000, protocol: RICH },
  },
  // One client stops reading while 8 MiB flows to it: the host must drop it at its buffered cap, and
  // the others' latency must stay within 2x of the same load without it.
  {
    name: 'slow-control', servers: ['host'],
    load: { clients: 100, senders: 10, messages: 2000, size: 4096, rate: 400 },
  },
  {
    name: 'slow-consumer', servers: ['host'], compare: { host: { scenario: 'slow-control', server: 'host', metric: 'p99Ms' } },
    load: { clients: 101, senders: 10, messages: 2000, size: 4096, rate: 400, slow: 1 },
  },
  {
    name: 'scale-5000', servers: ['host', 'baseline'], compare: vsBaseline,
    load: { clients: 5000, senders: 1, messages: 20, size: 64, window: 4, warmup: 10, 'connect-concurrency': 100 },
  },
];
