// @ts-check
// `npm run serve` and `npm run export` work on a fresh clone: build once when the output is missing,
// and cost nothing when it is there, so a built host is listening within a few seconds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const outputs = ['dist/electron/cli.js', 'dist/renderer/peer/index.html'];
if (!outputs.every((file) => existsSync(file))) {
  console.error('LAN Chat is not built yet; building once (about half a minute)…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
