// @ts-check
// uWebSockets.js, the benchmark's upper anchor, comes from a package (the `uWebSockets.js` dev
// dependency) that ships its prebuilt binaries as uws_<platform>_<arch>_<Node ABI>.node. Its own entry
// point silently falls back to a JavaScript implementation on top of `ws` when no binary fits, which
// would measure `ws` under uWS's name: so the binary is loaded here directly, or the reason it cannot be.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** @typedef {typeof import('uWebSockets.js')} Uws */

/** @returns {{ uWS: Uws, binary: string } | { error: string }} */
export function loadUws() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('uWebSockets.js/package.json'));
  } catch {
    return { error: 'the uWebSockets.js dev dependency is not installed (run npm ci)' };
  }
  const binary = join(packageDir, 'binaries', `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`);
  try {
    return { uWS: require(binary), binary };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      error: `no native binary loads for ${process.platform}-${process.arch} on Node ${process.version} (ABI ${process.versions.modules}): ${reason}`,
    };
  }
}
