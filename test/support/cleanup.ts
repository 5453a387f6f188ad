// What a test file sets up and must take down after each test: processes, open logs, temp folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Registers one afterEach that runs every deferred cleanup of the test, newest first. `tempDir()` makes
 * a fresh folder named after `prefix` and removes it with the rest.
 */
export function useCleanups(prefix: string): { defer(cleanup: () => unknown): void; tempDir(): string } {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const defer = (cleanup: () => unknown) => {
    cleanups.push(cleanup);
  };
  return {
    defer,
    tempDir() {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      defer(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
  };
}
