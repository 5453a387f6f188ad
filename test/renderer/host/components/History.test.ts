// 100,000 messages in the host window: they all arrive, the DOM holds only the rows on screen, and
// jumping through the history stays instant. Runs by author and minute, a cleared history that
// starts over for a host who had scrolled up, and removing one message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../common/model.js';
import { openHistoryLog, type HistoryLog } from '../../../../electron/room/history-log.js';
import { Room } from '../../../../electron/room/room.js';
import { joinRich } from '../../../../scripts/lib/room-clients.js';
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

describe('runs and clearing', () => {
  let own: HostHarness | null = null;
  let stored: { dir: string; log: HistoryLog } | null = null;
  afterEach(async () => {
    await own?.close();
    own = null;
    stored?.log.close();
    if (stored) rmSync(stored.dir, { recursive: true, force: true });
    stored = null;
  });

  const said = (seq: number, iso: string, from: string, text: string): ChatMessage => ({
    seq,
    ts: Date.parse(iso),
    from: { id: from.toLowerCase(), name: from, kind: 'rich' },
    text,
  });

  /** Whether the row saying `text` is on screen in the scrolling history (rows off screen are not in the DOM at all). */
  const inView = (page: Page, text: string) =>
    page.evaluate((text) => {
      const log = document.querySelector('[role="log"]')!;
      const box = log.getBoundingClientRect();
      return [...log.querySelectorAll('.message-text')].some((el) => {
        const row = el.getBoundingClientRect();
        return el.textContent === text && row.bottom > box.top && row.top < box.bottom;
      });
    }, text);

  it("draws one person's messages in the same minute as a run: name and time once, the others' time on hover", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lan-chat-log-'));
    stored = { dir, log: openHistoryLog(dir) };
    stored.log.appendSync([
      said(1, '2026-11-30T09:00:05Z', 'Alice', 'first'),
      said(2, '2026-11-30T09:00:40Z', 'Alice', 'same minute'),
      said(3, '2026-11-30T09:01:10Z', 'Alice', 'next minute'),
    ]);
    own = await startHostHarness({ browser, Room, room: { historyLog: stored.log } });
    const rows = own.page.getByRole('log').getByRole('article');
    await rows.filter({ hasText: 'next minute' }).waitFor();
    const shown = (text: string) =>
      rows.filter({ hasText: text }).evaluate((row) => ({
        header: row.querySelector('.message-head') !== null,
        time: getComputedStyle(row.querySelector('time')!).visibility === 'visible',
      }));
    expect(await shown('first')).toEqual({ header: true, time: true });
    expect(await shown('same minute')).toEqual({ header: false, time: false });
    expect(await shown('next minute')).toEqual({ header: true, time: true });
    expect(await rows.filter({ hasText: 'same minute' }).textContent()).toContain('Alice');
    await rows.filter({ hasText: 'same minute' }).hover();
    expect(await shown('same minute')).toEqual({ header: false, time: true });
  });

  it('clears for a host who had scrolled up: the "new" button goes, and the history follows new messages again', async () => {
    own = await startHostHarness({ browser, Room, viewport: { width: 1100, height: 600 } });
    const { page, room, wsUrl } = own;
    const alice = await joinRich(wsUrl, 'Alice');
    const log = page.getByRole('log');
    for (let i = 1; i <= 60; i++) room.send(`filler ${i}`);
    await log.getByText('filler 60', { exact: true }).waitFor();
    await log.hover();
    await page.mouse.wheel(0, -3000);
    await expect.poll(() => inView(page, 'filler 60')).toBe(false);
    for (let i = 1; i <= 3; i++) alice.say(`news ${i}`);
    const marker = page.getByRole('button', { name: '3 new messages, jump to the newest' });
    await marker.waitFor();

    room.clearHistory();
    await log.getByText('History cleared').waitFor();
    await marker.waitFor({ state: 'detached' });
    expect(await log.getByRole('article').count()).toBe(0);
    alice.say('after the clear');
    await expect.poll(() => inView(page, 'after the clear')).toBe(true);
    expect(await page.getByRole('button', { name: /new messages/ }).count()).toBe(0);
    alice.ws.close();
  });
});

it('removes one message for everyone, after a confirmation, from its own button', async () => {
  const own = await startHostHarness({ browser, Room });
  try {
    const { page, room } = own;
    room.send('keep');
    const drop = room.send('a regrettable message');
    const removed = new Promise((resolve) => room.once('message-removed', resolve));
    const item = page.getByRole('log').getByRole('article').filter({ hasText: 'a regrettable message' });
    await item.hover();
    await item.getByRole('button', { name: 'Remove this message' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this message for everyone?' });
    expect(await dialog.textContent()).toContain('“a regrettable message” from Host');
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    expect(await removed).toEqual(drop);
    await page.getByRole('log').getByText('Removed by the host').waitFor();
    expect(await page.getByRole('log').getByText('a regrettable message').count()).toBe(0);
    // By keyboard: the button is in the message, so Tab reaches it.
    const keep = page.getByRole('log').getByRole('article').filter({ hasText: 'keep' });
    await keep.getByRole('button', { name: 'Remove this message' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(room.history().map((m) => m.text)).toEqual(['keep', '']);
  } finally {
    await own.close();
  }
});
