// The message log in real Chromium against a real room. A flood of host messages into one page:
// everything arrives, the view follows the newest message, the DOM stays small, and the oldest entries
// are dropped only past the page's memory cap (functional checks only; the timing, long tasks and
// latency, is measured by bench/flood.mjs). And the host clearing the history.
import { describe, expect, it } from 'vitest';
import { MAX_TIMELINE } from '../../../../renderer/peer/chat-state.js';
import { chatItems, confirmedTexts, log, say, usePeerPages } from '../../../support/peer-pages.js';

const TOTAL = 15_000;
const CHUNK = 500;
/** While following, the whole document stays under this many elements (the log renders a capped page). */
const MAX_ELEMENTS = 1_200;

const pages = usePeerPages();

describe('a flood', () => {
  it(`delivers ${TOTAL.toLocaleString('en')} host messages sent in a burst, keeps the newest in view and the DOM bounded`, async () => {
    // A buffer cap large enough that the burst below never drops the page (that path is tested elsewhere).
    const running = await pages.startRoom({ limits: { maxBufferedBytesPerClient: 64 * 1024 * 1024 } });
    const peer = await pages.joinAs(`${running.url}?lang=en`, 'Reader', { viewport: { width: 375, height: 740 } });
    const { page } = peer;
    // Largest element count seen while the flood renders.
    await page.evaluate(() => {
      const w = window as unknown as { maxElements: number };
      w.maxElements = 0;
      const sample = () => {
        w.maxElements = Math.max(w.maxElements, document.getElementsByTagName('*').length);
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });

    for (let i = 1; i <= TOTAL; i++) {
      running.room.send(`m ${i}`);
      // Let the room write each chunk out, as a busy host would between events.
      if (i % CHUNK === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }

    const lastItem = log(page).getByRole('listitem').last();
    await expect.poll(() => lastItem.locator('.message-text').textContent(), { timeout: 60_000, interval: 250 }).toBe(`m ${TOTAL}`);
    // The newest message is on screen: the log followed it without being scrolled by anyone.
    const inView = await lastItem.evaluate((li) => {
      const scroller = li.closest('.scroller')!.getBoundingClientRect();
      const item = li.getBoundingClientRect();
      return item.bottom <= scroller.bottom + 1 && item.top >= scroller.top;
    });
    expect(inView).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { maxElements: number }).maxElements)).toBeLessThan(MAX_ELEMENTS);

    // The page's memory holds the newest MAX_TIMELINE messages, in order with none missing: walk back
    // with "Show earlier messages" to the oldest one kept. The walk runs in the page (a click renders
    // by the next task), noting how many entries each step rendered.
    const walk = await page.evaluate(async (label) => {
      const counts: number[] = [];
      const button = () => [...document.querySelectorAll('button')].find((b) => b.textContent === label);
      for (let b = button(); b && counts.length < 1_000; b = button()) {
        b.click();
        await new Promise((resolve) => setTimeout(resolve, 0));
        counts.push(document.querySelectorAll('[role=log] li').length);
      }
      return { counts, texts: [...document.querySelectorAll('[role=log] .message-text')].map((el) => el.textContent) };
    }, 'Show earlier messages');
    expect(walk.counts.length).toBeGreaterThan(0);
    expect(walk.counts.length).toBeLessThan(MAX_TIMELINE / 100);
    // Reading back renders a bounded window too.
    expect(Math.max(...walk.counts)).toBeLessThanOrEqual(1_000);
    const oldest = TOTAL - MAX_TIMELINE + 1;
    expect(walk.texts[0]).toBe(`m ${oldest}`);
    expect(walk.texts).toEqual(Array.from({ length: walk.texts.length }, (_, i) => `m ${oldest + i}`));
    // And the way back down: "Jump to latest" shows the newest again.
    await page.getByRole('button', { name: 'Jump to latest messages', exact: true }).click();
    await expect.poll(() => lastItem.locator('.message-text').textContent()).toBe(`m ${TOTAL}`);
    expect(peer.problems).toEqual([]);
  }, 120_000);
});

describe('history cleared by the host', () => {
  it('empties the list, says so, and goes on with new messages', async () => {
    const running = await pages.startRoom();
    const alice = await pages.joinAs(`${running.url}?lang=en`, 'Alice');
    await say(alice.page, 'one');
    // The room numbers 'one' before the host says 'two' (a busy machine can deliver the frame later).
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['one']);
    running.room.send('two');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['one', 'two']);
    running.room.clearHistory();
    await expect.poll(() => log(alice.page).getByText('The host cleared the history').count()).toBe(1);
    expect(await chatItems(alice.page).count()).toBe(0);
    running.room.send('three');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['three']);
    // A late joiner gets only what came after the clear.
    const bob = await pages.joinAs(`${running.url}?lang=en`, 'Bob');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['three']);
  });
});
