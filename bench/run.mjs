// @ts-check
// `npm run bench`: measures the real headless host against the textbook `ws` broadcast server and
// uWebSockets.js on this machine, server on CPU 0 and load generator on CPU 1, and prints one table of
// medians. Where uWebSockets.js's binary does not load (another platform or Node version), its rows are
// skipped with a line that says why, and the other figures are unaffected.
//
//   node bench/run.mjs [--quick] [--runs N] [--only s2,s3,...,first-load,files]
//
// --quick is one run of a few scenarios (about a minute); the default is every scenario, medians of 3
// runs, interleaved per repetition so that a noisy neighbour hits every server alike. Results: a table
// on stdout, bench/results/summary.json (medians, committed) and bench/results/runs-<time>.local.jsonl
// (every run, ignored by git). Then the peer page's first load in Chromium (bench/first-load.mjs:
// time until usable on emulated slow Wi-Fi) and files (bench/files.mjs: upload and download against a
// plain http server, memory, chat under an upload, pictures arriving in the pages; a 256 MiB file with
// --quick). docs/benchmarks.md explains the method and the figures.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scenarios, servers } from './scenarios.mjs';

/** @import { Scenario } from './scenarios.mjs' */
/**
 * What one run of one server returned: the load generator's RESULT, or the cold start, or why it failed.
 * @typedef {{
 *   status: string, error?: string | null, startMs?: number, expected?: number, delivered?: number,
 *   lost?: number | null, duplicates?: number, outOfOrder?: number, deliveriesPerSec?: number | null,
 *   cpuUsPerDelivery?: number | null, latencyMs?: { p50: number, p99: number } | null,
 *   rssPerConnKiB?: number | null, serverRssMaxKiB?: number | null, loadgenCpuPct?: number | null,
 *   slowClients?: { closeCodes: number[], received: number[] } | null,
 * }} RunResult
 */

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    only: { type: 'string' },
  },
});

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results');
const RUNS = Number(opt.runs ?? (opt.quick ? 1 : 3));
// uWebSockets.js's package brings `bufferutil` along, which `ws` would load: the servers run without it,
// as the installers ship the host (set WS_NO_BUFFER_UTIL= to measure with it).
process.env.WS_NO_BUFFER_UTIL ??= '1';
const SERVER_START_MS = 20_000;
const LOADGEN_TIMEOUT_S = 120;
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const rawFile = join(RESULTS, `runs-${stamp}.local.jsonl`);

// Pinning: the server alone on CPU 0, the load generator alone on CPU 1, when taskset and 2 CPUs exist.
const canPin = cpus().length >= 2 && (await exitCode('taskset', ['-c', '0', 'true'])) === 0;
/** @param {number} cpu */
const pin = (cpu) => (canPin ? ['taskset', '-c', String(cpu)] : []);

/**
 * Runs argv with the soft file-descriptor limit raised to the hard one (5,000 sockets need it).
 * @param {string[]} argv
 * @param {import('node:child_process').SpawnOptionsWithStdioTuple<'ignore', 'pipe', 'pipe'>} options
 */
function spawnWithFds(argv, options) {
  return spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)"; exec "$@"', 'bash', ...argv], options);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<number | null>}
 */
function exitCode(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code));
  });
}

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
function stopAll() {
  for (const child of children) child.kill('SIGKILL');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/**
 * Starts a server on a port of its own choosing and waits for its "listening on ...:PORT/" line.
 * @param {string} name
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, port: number, startMs: number, dataDir: string }>}
 */
async function startServer(name) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lan-chat-bench-'));
  const argv = servers[name].argv(dataDir);
  const started = performance.now();
  const child = spawnWithFds([...pin(0), ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  /** @param {Buffer} chunk */
  const collect = (chunk) => (output = (output + chunk).slice(-4000));
  child.stderr.on('data', collect);
  try {
    /** @type {number} */
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening on" within ${SERVER_START_MS} ms`)), SERVER_START_MS);
      child.stdout.on('data', (chunk) => {
        collect(chunk);
        const match = /listening on \w+:\/\/[^\s/]+:(\d+)\//.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before listening`));
      });
    });
    return { child, port, startMs: performance.now() - started, dataDir };
  } catch (error) {
    await stopServer({ child, dataDir });
    throw new Error(`${name}: ${error instanceof Error ? error.message : error}\n${output.trim()}`, { cause: error });
  }
}

/**
 * SIGTERM by PID, SIGKILL after 5 s, then the data directory goes.
 * @param {{ child: import('node:child_process').ChildProcess, dataDir: string }} server
 */
async function stopServer({ child, dataDir }) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  children.delete(child);
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * @param {number} port
 * @param {number} pid
 * @param {Scenario} scenario
 * @returns {Promise<RunResult>}
 */
function runLoadgen(port, pid, scenario) {
  const args = [
    '--url',
    `ws://127.0.0.1:${port}/`,
    '--server-pid',
    String(pid),
    '--timeout',
    String(LOADGEN_TIMEOUT_S),
    ...Object.entries(scenario.load ?? {}).flatMap(([key, value]) => [`--${key}`, String(value)]),
  ];
  const child = spawnWithFds([...pin(1), process.execPath, join(ROOT, 'bench', 'loadgen.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const killer = setTimeout(() => child.kill('SIGKILL'), (LOADGEN_TIMEOUT_S + 15) * 1000);
  return new Promise((resolve) => {
    child.on('exit', () => {
      clearTimeout(killer);
      children.delete(child);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      resolve(line ? JSON.parse(line.slice(7)) : { status: 'no-result', error: stderr.trim() });
    });
  });
}

/**
 * @param {Scenario} scenario
 * @param {string} serverName
 * @returns {Promise<RunResult>}
 */
async function measure(scenario, serverName) {
  let server;
  try {
    server = await startServer(serverName);
  } catch (error) {
    return { status: 'server-failed', error: error instanceof Error ? error.message : String(error) };
  }
  try {
    if (scenario.coldStart) return { status: 'ok', startMs: Math.round(server.startMs) };
    return await runLoadgen(server.port, server.child.pid ?? 0, scenario);
  } finally {
    await stopServer(server);
  }
}

// ---- medians and the table ----------------------------------------------------------------------

/** @param {unknown[]} values */
const median = (values) => {
  const sorted = values
    .filter((v) => typeof v === 'number' && Number.isFinite(v))
    .map(Number)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * @param {Scenario} scenario
 * @param {string} serverName
 * @param {RunResult[]} runs
 */
function summarize(scenario, serverName, runs) {
  /** @param {(run: RunResult) => unknown} f */
  const pick = (f) => median(runs.map(f));
  return {
    scenario: scenario.name,
    server: serverName,
    runs: runs.length,
    failed: runs.filter((r) => r.status !== 'ok').map((r) => `${r.status}: ${String(r.error).slice(0, 300)}`),
    startMs: pick((r) => r.startMs),
    expected: pick((r) => r.expected),
    delivered: pick((r) => r.delivered),
    lostMax: runs.some((r) => r.lost != null) ? Math.max(...runs.map((r) => r.lost ?? 0)) : null,
    duplicatesMax: Math.max(0, ...runs.map((r) => r.duplicates ?? 0)),
    outOfOrderMax: Math.max(0, ...runs.map((r) => r.outOfOrder ?? 0)),
    deliveriesPerSec: pick((r) => r.deliveriesPerSec),
    cpuUsPerDelivery: pick((r) => r.cpuUsPerDelivery),
    cpuRange:
      runs.length > 1
        ? [Math.min(...runs.map((r) => r.cpuUsPerDelivery ?? Infinity)), Math.max(...runs.map((r) => r.cpuUsPerDelivery ?? 0))]
        : null,
    p50Ms: pick((r) => r.latencyMs?.p50),
    p99Ms: pick((r) => r.latencyMs?.p99),
    rssPerConnKiB: pick((r) => r.rssPerConnKiB),
    serverRssMaxKiB: pick((r) => r.serverRssMaxKiB),
    loadgenCpuPct: pick((r) => r.loadgenCpuPct),
    slowClients: runs.flatMap((r) => (r.slowClients ? [r.slowClients] : [])),
    /** @type {{ value: number, metric: string, to: string }[]} */
    ratios: [],
  };
}

/**
 * The comparisons a scenario asks for: ratios of one metric to other rows of the same run. A row that
 * was not measured (a skipped server) gives no ratio.
 * @param {ReturnType<typeof summarize>[]} rows
 */
function addRatios(rows) {
  /** @type {(scenario: string, server: string) => ReturnType<typeof summarize> | undefined} */
  const find = (scenario, server) => rows.find((r) => r.scenario === scenario && r.server === server);
  for (const row of rows) {
    for (const reference of scenarios.find((s) => s.name === row.scenario)?.compare?.[row.server] ?? []) {
      const base = find(reference.scenario ?? row.scenario, reference.server);
      const value = row[reference.metric];
      const against = base?.[reference.metric];
      if (base && against && value != null) {
        row.ratios.push({ value: Number((value / against).toFixed(2)), metric: reference.metric, to: `${base.scenario} ${base.server}` });
      }
    }
  }
}

/** @type {Record<string, string>} */
const METRIC_NAMES = { cpuUsPerDelivery: 'CPU', p99Ms: 'p99', rssPerConnKiB: 'RSS' };
/** @type {(v: number | null | undefined, digits?: number) => string} */
const fmt = (v, digits = 0) => (v == null ? '-' : Number(v).toFixed(digits));
/** @param {ReturnType<typeof summarize>[]} rows */
function printTable(rows) {
  const header = [
    'scenario',
    'server',
    'delivered/expected',
    'loss',
    'dup/ooo',
    'deliveries/s',
    'CPU µs/delivery',
    'ratio',
    'p50 ms',
    'p99 ms',
    'RSS KiB/conn',
    'notes',
  ];
  const lines = rows.map((r) => {
    const notes = [];
    if (r.startMs != null && r.scenario === 'cold-start') notes.push(`listening after ${fmt(r.startMs)} ms`);
    if (r.serverRssMaxKiB) notes.push(`server RSS max ${fmt(r.serverRssMaxKiB / 1024, 1)} MiB`);
    const messages = scenarios.find((x) => x.name === r.scenario)?.load?.messages;
    for (const s of r.slowClients)
      notes.push(`slow client: received ${s.received.join(',')}/${messages}, closed ${s.closeCodes.join(',') || 'never'}`);
    if (r.failed.length) notes.push(`FAILED ${r.failed.length}/${r.runs}: ${r.failed[0]}`);
    return [
      r.scenario,
      r.server,
      r.expected ? `${fmt(r.delivered)}/${fmt(r.expected)}` : '-',
      fmt(r.lostMax),
      `${r.duplicatesMax}/${r.outOfOrderMax}`,
      fmt(r.deliveriesPerSec),
      fmt(r.cpuUsPerDelivery, 2),
      r.ratios.map((ratio) => `${ratio.value}x ${METRIC_NAMES[ratio.metric]} of ${ratio.to}`).join('; ') || '-',
      fmt(r.p50Ms, 1),
      fmt(r.p99Ms, 1),
      fmt(r.rssPerConnKiB, 1),
      notes.join('; '),
    ];
  });
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

/**
 * A measurement of its own, after the servers (bench/<name>.mjs: the peer page's first load, files): its exit code.
 * @param {string} name
 * @returns {Promise<number | null>}
 */
function runScript(name) {
  const args = name === FILES && opt.quick ? ['--size-mib', '256'] : [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', `${name}.mjs`), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.add(child);
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
  });
}

// ---- main -----------------------------------------------------------------------------------------

const FILES = 'files';
const SCRIPTS = ['first-load', FILES];
const wanted = opt.only ? new Set(opt.only.split(',')) : null;
const scripts = SCRIPTS.filter((name) => wanted === null || wanted.has(name));
/** Runs the chosen scripts one after the other; true when one failed. */
const runScripts = async () => {
  let failed = false;
  for (const name of scripts) if ((await runScript(name)) !== 0) failed = true;
  return failed;
};
const chosen = scenarios.filter((s) => (wanted ? wanted.has(s.name) : !opt.quick || s.quick));
if (chosen.length === 0) {
  if (scripts.length > 0) process.exit((await runScripts()) ? 1 : 0);
  console.error(`no such scenario; known: ${[...scenarios.map((s) => s.name), ...SCRIPTS].join(', ')}`);
  process.exit(2);
}
mkdirSync(RESULTS, { recursive: true });
const machine = {
  cpu: cpus()[0]?.model,
  cpus: cpus().length,
  memGiB: Math.round(totalmem() / 2 ** 30),
  kernel: release(),
  node: process.version,
  pinned: canPin,
};
console.log(
  `# LAN Chat bench ${new Date().toISOString()}: ${RUNS} run(s) per cell, ${machine.cpus} x ${machine.cpu}, ` +
    `node ${machine.node}, ${canPin ? 'server on CPU 0, load generator on CPU 1' : 'NOT pinned (no taskset or 1 CPU)'}`,
);

/** Servers that cannot run on this machine, with the reason: their rows and the ratios to them are left out. */
/** @type {Map<string, string>} */
const skipped = new Map();
for (const name of new Set(chosen.flatMap((s) => s.servers))) {
  const reason = servers[name]?.unavailable?.();
  if (reason) skipped.set(name, reason);
}
const skipLines = [...skipped].map(([name, reason]) => `# SKIPPED ${name} (${servers[name]?.describe}): ${reason}`);
for (const line of skipLines) console.log(line);
/** @type {(s: Scenario) => string[]} */
const serversOf = (s) => s.servers.filter((name) => !skipped.has(name));

/** @type {Map<string, RunResult[]>} "scenario server" -> runs */
const collected = new Map();
for (let run = 1; run <= RUNS; run++) {
  for (const scenario of chosen) {
    for (const serverName of serversOf(scenario)) {
      const key = `${scenario.name} ${serverName}`;
      const result = await measure(scenario, serverName);
      appendFileSync(rawFile, `${JSON.stringify({ scenario: scenario.name, server: serverName, run, ...result })}\n`);
      console.error(
        `run ${run}/${RUNS} ${key}: ${result.status}` +
          (result.cpuUsPerDelivery != null ? ` ${result.cpuUsPerDelivery} µs/delivery, p99 ${result.latencyMs?.p99} ms` : '') +
          (result.startMs != null ? ` ${result.startMs} ms` : '') +
          (result.error ? ` ${String(result.error).slice(0, 200)}` : ''),
      );
      collected.set(key, [...(collected.get(key) ?? []), result]);
    }
  }
}

const rows = chosen.flatMap((s) => serversOf(s).map((name) => summarize(s, name, collected.get(`${s.name} ${name}`) ?? [])));
addRatios(rows);
printTable(rows);
for (const line of skipLines) console.log(line);
const summary = {
  date: new Date().toISOString(),
  runs: RUNS,
  machine,
  servers: Object.fromEntries(Object.entries(servers).map(([k, v]) => [k, v.describe])),
  skipped: Object.fromEntries(skipped),
  rows,
};
writeFileSync(join(RESULTS, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nsummary: bench/results/summary.json; every run: ${rawFile.slice(ROOT.length + 1)}`);
const broken = rows.filter((r) => r.failed.length > 0 || (r.lostMax ?? 0) > 0);
console.log('');
const scriptFailed = await runScripts();
process.exit(broken.length > 0 || scriptFailed ? 1 : 0);
