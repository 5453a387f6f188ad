// The hooks every host-window test file needs: the peer pages' setup (one Chromium for the file, guest
// pages checked for problems and closed after each test), and a host harness per test (the React host
// window over a real room that also serves the built peer page), closed after the test, which fails if
// the page's CSP had to block anything.
import type { BrowserContextOptions } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { Room } from '../../electron/room/room.js';
import { startHostHarness, type HostHarness, type HostHarnessOptions } from '../../scripts/lib/host-harness.js';
import { PEER_DIR, usePeerPages, type PeerPage } from './peer-pages.js';

export function useHostWindow() {
  const pages = usePeerPages();
  let harness: HostHarness | null = null;
  afterEach(async () => {
    const violations = harness?.cspViolations ?? [];
    await harness?.close();
    harness = null;
    expect(violations).toEqual([]);
  });
  return {
    /** The file's Chromium, for other pages next to the host window. */
    browser: pages.browser,
    /** The host window over a room started with `options` (source Room by default) that serves the peer page. */
    start: async (options: Partial<HostHarnessOptions> = {}): Promise<HostHarness> => {
      harness = await startHostHarness({ browser: pages.browser(), Room, ...options, room: { peerAssetsDir: PEER_DIR, ...options.room } });
      return harness;
    },
    /** A guest's page, joined under `name` (English). */
    guest: (name: string, options?: BrowserContextOptions): Promise<PeerPage> => pages.joinAs(`${harness!.httpUrl}?lang=en`, name, options),
    /** A guest's page, not joined yet. */
    visitor: (options?: BrowserContextOptions): Promise<PeerPage> => pages.openPeer(`${harness!.httpUrl}?lang=en`, options),
  };
}
