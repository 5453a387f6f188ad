import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

// One build, two pages: the Electron host window and the page the room serves to browsers.
// Relative base so the same files load from the app:// protocol and from the room's HTTP routes.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        host: `${root}/host/index.html`,
        peer: `${root}/peer/index.html`,
      },
      output: {
        // What both pages import (React, i18next, renderer/shared) lands in one common chunk, which
        // Rolldown would name after whichever module it picks (`text-<hash>.js`). Name it for what it is;
        // chunks of dynamic imports keep their own names.
        chunkFileNames: (chunk) => (chunk.isDynamicEntry ? 'assets/[name]-[hash].js' : 'assets/shared-[hash].js'),
      },
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
