// A guest's first visit in real Chromium against a real room: the page, its script and its styles
// arrive brotli-compressed, and all of it stays within 80 KB on the wire, headers included, so a phone
// on a slow network is in the room at once. (How fast that is on emulated slow Wi-Fi is measured by
// `npm run bench`, not asserted here: timing depends on the machine, bytes do not.)
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/lib/chromium.js';
import { measureFirstLoad } from '../../../scripts/lib/first-load.js';
import { assertPeerBuilt, startRoom, type RunningRoom } from '../../support/peer-pages.js';

/** The budget of a first load, in bytes on the wire. */
const FIRST_LOAD_BUDGET = 80_000;

let browser: Browser;
let running: RunningRoom;
beforeAll(async () => {
  assertPeerBuilt();
  [browser, running] = await Promise.all([launchChromium(), startRoom()]);
});
afterAll(async () => {
  await browser?.close();
  await running?.room.close();
});

describe('first load of the peer page', () => {
  it(`is at most ${FIRST_LOAD_BUDGET / 1000} KB on the wire, every text file brotli-compressed`, async () => {
    const load = await measureFirstLoad(browser, running.url);
    const table = load.responses.map((r) => `${r.path} ${r.wireBytes} B ${r.encoding || 'identity'}`).join('\n');
    expect(load.responses.map((r) => r.path)).toEqual(expect.arrayContaining(['/', expect.stringMatching(/^\/assets\/peer-.+\.js$/)]));
    for (const response of load.responses.filter((r) => /^\/$|\.(?:js|css|webmanifest)$/.test(r.path))) {
      expect(response.encoding, table).toBe('br');
    }
    expect(load.wireBytes, table).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });
});
