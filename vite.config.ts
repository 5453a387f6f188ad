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
    rollupOptions: {
      input: {
        host: `${root}/host/index.html`,
        peer: `${root}/peer/index.html`,
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
  },
});
