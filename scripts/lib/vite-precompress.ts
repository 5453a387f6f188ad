// A Vite plugin that writes a brotli (`.br`) and a gzip (`.gz`) copy next to every text file a build
// emits, at the strongest settings: compressed once at build time, the room then serves each request
// the smaller copy the browser accepts without compressing anything itself (peer-assets.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What compresses; images and fonts are compressed formats already. */
const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|webmanifest|svg|ico|txt)$/;

/** The two encodings' file suffixes and their compressors. */
const PRECOMPRESSED = {
  br: (data: Uint8Array) =>
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gz: (data: Uint8Array) => gzipSync(data, { level: constants.Z_BEST_COMPRESSION }),
} as const;

export function precompress(): Plugin {
  return {
    name: 'lan-chat:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const data = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
        for (const [suffix, compress] of Object.entries(PRECOMPRESSED)) {
          const compressed = compress(data);
          // A copy that saves nothing would only cost the browser a decoding step.
          if (compressed.length < data.length) writeFileSync(join(dir, `${fileName}.${suffix}`), compressed);
        }
      }
    },
  };
}
