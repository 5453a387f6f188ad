// `npm run bench`: measures the real headless host against the textbook `ws` broadcast server on this
// machine, server on CPU 0 and load generator on CPU 1, and prints one table of medians.
//
//   node bench/run.mjs [--quick] [--runs N] [--only s2,s3,...]
//
// --quick is one run of a few scenarios (about a minute); the default is every scenario, medians of 3
// runs, interleaved per repetition so that a noisy neighbour hits every server alike. Results: a table
// on stdout, bench/results/summary.json (medians, committed) and bench/results/runs-<time>.local.jsonl
// (every run, ignored by git). docs/benchmarks.md explains the method and the figures.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scenarios, servers } from './scenarios.mjs';

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
const SERVER_START_MS = 20_000;
const LOADGEN_TIMEOUT_S = 120;
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const rawFile = join(RESULTS, `runs-${stamp}.local.jsonl`);

// Pinning: the server alone on CPU 0, the load generator alone on CPU 1, when taskset and 2 CPUs exist.
const canPin = cpus().length >= 2 && (await exitCode('taskset', ['-c', '0', 'true'])) === 0;
const pin = (cpu) => (canPin ? ['taskset', '-c', String(cpu)] : []);

/** Runs argv with the soft file-descriptor limit raised to the hard one (5,000 sockets need it). */
function spawnWithFds(argv, options) {
  return spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)"; exec "$@"', 'bash', ...argv], options);
}

function exitCode(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code));
  });
}

const children = new Set();
function stopAll() {
  for (const child of children) child.kill('SIGKILL');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/**
 * Starts a server on a port of its own choosing and waits for its "listening on ...:PORT/" line.
 * Resolves { child, port, startMs, dataDir }.
 */
async function startServer(name) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lan-chat-bench-'));
  const argv = servers[name].argv(dataDir);
  const started = performance.now();
  const child = spawnWithFds([...pin(0), ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const collect = (chunk) => (output = (output + chunk).slice(-4000));
  child.stderr.on('data', collect);
  try {
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
    throw new Error(`${name}: ${error.message}\n${output.trim()}`);
  }
}

/** SIGTERM by PID, SIGKILL after 5 s, then the data directory goes. */
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

function runLoadgen(port, pid, scenario) {
  const args = [
    '--url', `ws://127.0.0.1:${port}/`, '--server-pid', String(pid), '--timeout', String(LOADGEN_TIMEOUT_S),
    ...Object.entries(scenario.load).flatMap(([key, value]) => [`--${key}`, String(value)]),
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

async function measure(scenario, serverName) {
  let server;
  try {
    server = await startServer(serverName);
  } catch (error) {
    return { status: 'server-failed', error: error.message };
  }
  try {
    if (scenario.coldStart) return { status: 'ok', startMs: Math.round(server.startMs) };
    return await runLoadgen(server.port, server.child.pid, scenario);
  } finally {
    await stopServer(server);
  }
}

// ---- medians and the table ----------------------------------------------------------------------

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summarize(scenario, serverName, runs) {
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
    cpuRange: runs.length > 1 ? [Math.min(...runs.map((r) => r.cpuUsPerDelivery ?? Infinity)), Math.max(...runs.map((r) => r.cpuUsPerDelivery ?? 0))] : null,
    p50Ms: pick((r) => r.latencyMs?.p50),
    p99Ms: pick((r) => r.latencyMs?.p99),
    rssPerConnKiB: pick((r) => r.rssPerConnKiB),
    serverRssMaxKiB: pick((r) => r.serverRssMaxKiB),
    loadgenCpuPct: pick((r) => r.loadgenCpuPct),
    slowClients: runs.map((r) => r.slowClients).filter(Boolean),
  };
}

/** The comparison a scenario asks for: a ratio of one metric to another row of the same run. */
function addRatios(rows) {
  const find = (scenario, server) => rows.find((r) => r.scenario === scenario && r.server === server);
  for (const row of rows) {
    const reference = scenarios.find((s) => s.name === row.scenario).compare?.[row.server];
    if (!reference) continue;
    const base = find(reference.scenario ?? row.scenario, reference.server);
    const value = row[reference.metric];
    if (base?.[reference.metric] && value != null) {
      row.ratio = { value: Number((value / base[reference.metric]).toFixed(2)), metric: reference.metric, to: `${base.scenario} ${base.server}` };
    }
  }
}

const METRIC_NAMES = { cpuUsPerDelivery: 'CPU', p99Ms: 'p99', rssPerConnKiB: 'RSS' };
const fmt = (v, digits = 0) => (v == null ? '-' : Number(v).toFixed(digits));
function printTable(rows) {
  const header = ['scenario', 'server', 'delivered/expected', 'loss', 'dup/ooo', 'deliveries/s', 'CPU µs/delivery', 'ratio', 'p50 ms', 'p99 ms', 'RSS KiB/conn', 'notes'];
  const lines = rows.map((r) => {
    const notes = [];
    if (r.startMs != null && r.scenario === 'cold-start') notes.push(`listening after ${fmt(r.startMs)} ms`);
    if (r.serverRssMaxKiB) notes.push(`server RSS max ${fmt(r.serverRssMaxKiB / 1024, 1)} MiB`);
    for (const s of r.slowClients) notes.push(`slow client: received ${s.received.join(',')}/${scenarios.find((x) => x.name === r.scenario).load.messages}, closed ${s.closeCodes.join(',') || 'never'}`);
    if (r.failed.length) notes.push(`FAILED ${r.failed.length}/${r.runs}: ${r.failed[0]}`);
    return [
      r.scenario, r.server, r.expected ? `${fmt(r.delivered)}/${fmt(r.expected)}` : '-', fmt(r.lostMax),
      `${r.duplicatesMax}/${r.outOfOrderMax}`, fmt(r.deliveriesPerSec), fmt(r.cpuUsPerDelivery, 2),
      r.ratio ? `${r.ratio.value}x ${METRIC_NAMES[r.ratio.metric]} of ${r.ratio.to}` : '-',
      fmt(r.p50Ms, 1), fmt(r.p99Ms, 1), fmt(r.rssPerConnKiB, 1), notes.join('; '),
    ];
  });
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

// ---- main -----------------------------------------------------------------------------------------

const wanted = opt.only ? new Set(opt.only.split(',')) : null;
const chosen = scenarios.filter((s) => (wanted ? wanted.has(s.name) : !opt.quick || s.quick));
if (chosen.length === 0) {
  console.error(`no such scenario; known: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
mkdirSync(RESULTS, { recursive: true });
const machine = {
  cpu: cpus()[0]?.model, cpus: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), kernel: release(),
  node: process.version, pinned: canPin,
};
console.log(`# LAN Chat bench ${new Date().toISOString()}: ${RUNS} run(s) per cell, ${machine.cpus} x ${machine.cpu}, ` +
  `node ${machine.node}, ${canPin ? 'server on CPU 0, load generator on CPU 1' : 'NOT pinned (no taskset or 1 CPU)'}`);

const collected = new Map(); // "scenario server" -> runs
for (let run = 1; run <= RUNS; run++) {
  for (const scenario of chosen) {
    for (const serverName of scenario.servers) {
      const key = `${scenario.name} ${serverName}`;
      const result = await measure(scenario, serverName);
      appendFileSync(rawFile, `${JSON.stringify({ scenario: scenario.name, server: serverName, run, ...result })}\n`);
      console.error(`run ${run}/${RUNS} ${key}: ${result.status}` +
        (result.cpuUsPerDelivery != null ? ` ${result.cpuUsPerDelivery} µs/delivery, p99 ${result.latencyMs?.p99} ms` : '') +
        (result.startMs != null ? ` ${result.startMs} ms` : '') + (result.error ? ` ${String(result.error).slice(0, 200)}` : ''));
      if (!collected.has(key)) collected.set(key, []);
      collected.get(key).push(result);
    }
  }
}

const rows = chosen.flatMap((s) => s.servers.map((name) => summarize(s, name, collected.get(`${s.name} ${name}`))));
addRatios(rows);
printTable(rows);
writeFileSync(join(RESULTS, 'summary.json'), `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, machine, servers: Object.fromEntries(Object.entries(servers).map(([k, v]) => [k, v.describe])), rows }, null, 2)}\n`);
console.log(`\nsummary: bench/results/summary.json; every run: ${rawFile.slice(ROOT.length + 1)}`);
const broken = rows.filter((r) => r.failed.length > 0 || (r.lostMax ?? 0) > 0);
process.exit(broken.length > 0 ? 1 : 0);
