import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type InlineConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import { precompress } from './scripts/lib/vite-precompress.js';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * The page the room serves to browsers on the LAN, built on its own: its React API runs on Preact
 * (`preact/compat`), a tenth of React's size, because a guest's phone downloads it on its first visit;
 * the sources and their types stay React's. Its files are pre-compressed for the room to serve.
 */
const peerPage: InlineConfig = {
  configFile: false,
  root,
  base: './',
  // The icons (build/icon.mjs draws them) go next to the pages, where the room serves them.
  publicDir: `${root}/peer/public`,
  plugins: [react(), precompress()],
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react(?:-dom)?$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
    ],
  },
  build: {
    outDir,
    // The host window's build just emptied the folder and wrote its own files there.
    emptyOutDir: false,
    rolldownOptions: { input: { peer: `${root}/peer/index.html` } },
  },
};

// Two pages, two builds into one folder: the Electron host window (React) and the peer page (above).
// Relative base so the same files load from the app:// protocol and from the room's HTTP routes.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    rolldownOptions: { input: { host: `${root}/host/index.html` } },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await build(peerPage);
    },
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: Chromium-driven files are heavy, so at most two test files run at once.
    maxWorkers: 2,
    // GitHub's workflow parser imports its JSON schema without an import attribute, which only a bundler
    // accepts: Vite bundles it for the tests instead of handing it to Node (test/github-workflow.test.ts).
    deps: { optimizer: { ssr: { enabled: true, include: ['@actions/workflow-parser'] } } },
  },
});
