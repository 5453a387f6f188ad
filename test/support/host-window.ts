// The hooks every host-window test file needs: one Chromium for the file, and a host harness per test
// (the React host window over a real room) that is closed after the test, which fails if the page's
// CSP had to block anything.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Room } from '../../electron/room/room.js';
import { launchChromium } from '../../scripts/lib/chromium.js';
import { startHostHarness, type HostHarness, type HostHarnessOptions } from '../../scripts/lib/host-harness.js';

export function useHostWindow() {
  let browser: Browser | undefined;
  let harness: HostHarness | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const violations = harness?.cspViolations ?? [];
    await harness?.close();
    harness = null;
    expect(violations).toEqual([]);
  });
  return {
    /** The file's Chromium, for other pages (guests) next to the host window. */
    browser: () => browser!,
    /** The host window over a room started with `options` (source Room by default). */
    start: async (options: Partial<HostHarnessOptions> = {}): Promise<HostHarness> => {
      harness = await startHostHarness({ browser: browser!, Room, ...options });
      return harness;
    },
  };
}
