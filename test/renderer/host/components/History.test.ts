// 100,000 messages in the host window: they all arrive, the DOM holds only the rows on screen, and
// jumping through the history stays instant.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Room } from '../../../../electron/room/room.js';
import { launchChromium } from '../../../../scripts/lib/chromium.js';
import { startHostHarness, type HostHarness } from '../../../../scripts/lib/host-harness.js';

const TOTAL = 100_000;
/** Sent per macrotask: a flood as a busy room produces it, many messages between two frames. */
const CHUNK = 5_000;

let browser: Browser;
let harness: HostHarness;

beforeAll(async () => {
  browser = await launchChromium();
  harness = await startHostHarness({ browser, Room });
});
afterAll(async () => {
  await harness?.close();
  await browser?.close();
});

it('stays responsive with 100,000 messages', { timeout: 60_000 }, async () => {
  const { page, room } = harness;
  const log = page.getByRole('log');
  const started = Date.now();
  for (let i = 1; i <= TOTAL; i++) {
    room.send(`message ${i}`);
    if (i % CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await log.getByText(`message ${TOTAL}`, { exact: true }).waitFor({ timeout: 45_000 });
  const arrivedMs = Date.now() - started;

  // Virtualised: a screenful of rows, not 100,000.
  expect(await log.locator('.row').count()).toBeLessThan(60);

  // Jump to the middle and back to the end: typically ~100 ms here; the bound is loose for a loaded
  // 2-core machine but far below what drawing or measuring 100,000 rows would take.
  const jumpMs = await page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>('[role="log"]')!;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    const t0 = performance.now();
    el.scrollTop = el.scrollHeight / 2;
    await frame();
    await frame();
    const middle = performance.now() - t0;
    el.scrollTop = el.scrollHeight;
    await frame();
    await frame();
    return { middle, end: performance.now() - t0 - middle };
  });
  await log.getByText(`message ${TOTAL}`, { exact: true }).waitFor();
  console.log(
    `${TOTAL} messages shown after ${arrivedMs} ms; jump to middle ${jumpMs.middle.toFixed(0)} ms, back ${jumpMs.end.toFixed(0)} ms`,
  );
  expect(jumpMs.middle).toBeLessThan(1500);
  expect(jumpMs.end).toBeLessThan(1500);
});
