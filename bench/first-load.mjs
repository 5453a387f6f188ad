// @ts-check
// A guest's first visit to the peer page in Chromium (issue 13): bytes on the wire and the time until
// the name box is usable, on emulated slow Wi-Fi (10 Mbit/s, 40 ms round trip, through DevTools'
// Network.emulateNetworkConditions) and unthrottled over loopback. `npm run bench` runs it after the
// server scenarios; alone:
//
//   node bench/first-load.mjs [--runs 7]
//   LAN_CHAT_DIST=/tmp/snap/dist node bench/first-load.mjs   # another build (e.g. an older commit's)
//
// Each run is a fresh browser context (empty cache) against a room that serves the built page. Prints
// the medians and writes them to bench/results/first-load.json. Needs `npm run build` first.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(opt.runs);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = resolve(process.env.LAN_CHAT_DIST ?? join(ROOT, 'dist'));

/** @type {typeof import('../electron/room/room.js')} */
const { Room } = await import(join(DIST, 'electron', 'room', 'room.js'));
/** @param {string} name */
const lib = async (name) => (await runnerImport(join(ROOT, 'scripts', 'lib', name))).module;
/** @type {typeof import('../scripts/lib/first-load.js')} */
const { measureFirstLoad, SLOW_WIFI } = await lib('first-load.ts');
/** @type {typeof import('../scripts/lib/chromium.js')} */
const { launchChromium } = await lib('chromium.ts');

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const room = new Room({ bindAddress: '127.0.0.1', port: 0, peerAssetsDir: join(DIST, 'renderer', 'peer') });
const { port } = await room.listen();
const browser = await launchChromium();
const rows = [];
try {
  for (const network of [SLOW_WIFI, undefined]) {
    /** @type {import('../scripts/lib/first-load.js').FirstLoad[]} */
    const loads = [];
    for (let run = 0; run < RUNS; run++) loads.push(await measureFirstLoad(browser, `http://127.0.0.1:${port}/`, network));
    const last = loads.at(-1);
    rows.push({
      network: network?.name ?? 'loopback, unthrottled',
      runs: RUNS,
      usableMs: Math.round(median(loads.map((load) => load.usableMs))),
      usableMsRange: [Math.round(Math.min(...loads.map((l) => l.usableMs))), Math.round(Math.max(...loads.map((l) => l.usableMs)))],
      wireBytes: median(loads.map((load) => load.wireBytes)),
      responses: last?.responses ?? [],
    });
  }
} finally {
  await browser.close();
  await room.close();
}

console.log('| first load of the peer page | name box usable (median, ms) | range | bytes on the wire | responses |');
console.log('|---|---|---|---|---|');
for (const row of rows) {
  const responses = row.responses.map((r) => `${r.path} ${r.wireBytes} B ${r.encoding || 'identity'}`).join('; ');
  console.log(`| ${row.network} | ${row.usableMs} | ${row.usableMsRange.join('–')} | ${row.wireBytes} | ${responses} |`);
}
writeFileSync(join(ROOT, 'bench', 'results', 'first-load.json'), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
