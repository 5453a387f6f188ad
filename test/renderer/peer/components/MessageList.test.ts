// The message log in real Chromium against a real room. A flood of host messages into one page:
// everything arrives, the view follows the newest message, the DOM stays small, and the oldest entries
// are dropped only past the page's memory cap (functional checks only; the timing, long tasks and
// latency, is measured by bench/flood.mjs). Runs by author and minute with the time on the first, the
// count of new messages on the way back down, links that look like links, and the host clearing the
// history.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../common/model.js';
import { openHistoryLog, type HistoryLog } from '../../../../electron/room/history-log.js';
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

let stored: { dir: string; log: HistoryLog } | null = null;
afterEach(() => {
  stored?.log.close();
  if (stored) rmSync(stored.dir, { recursive: true, force: true });
  stored = null;
});

/** A room whose history holds `messages` as they are (their times included): what a page joining it is given. */
async function roomWithHistory(messages: ChatMessage[]) {
  const dir = mkdtempSync(join(tmpdir(), 'lan-chat-log-'));
  stored = { dir, log: openHistoryLog(dir) };
  stored.log.appendSync(messages);
  return pages.startRoom({ historyLog: stored.log });
}

const said = (seq: number, iso: string, from: string, text: string): ChatMessage => ({
  seq,
  ts: Date.parse(iso),
  from: { id: from.toLowerCase(), name: from, kind: 'rich' },
  text,
});

/** Whether the message saying `text` is on screen, inside the scrolling log. */
function inView(page: Page, text: string): Promise<boolean> {
  return log(page)
    .getByText(text, { exact: true })
    .evaluate((el) => {
      const box = el.closest('.scroller')!.getBoundingClientRect();
      const item = el.getBoundingClientRect();
      return item.bottom > box.top && item.top < box.bottom;
    });
}

/** A reader who scrolled back through 40 messages (until the newest is out of sight) while 3 more came in below. */
async function readingBackWithNews() {
  const running = await pages.startRoom();
  const { page } = await pages.joinAs(`${running.url}?lang=en`, 'Reader', { viewport: { width: 600, height: 500 } });
  for (let i = 1; i <= 40; i++) running.room.send(`filler ${i}`);
  await log(page).getByText('filler 40', { exact: true }).waitFor();
  await log(page).hover();
  await page.mouse.wheel(0, -5_000);
  await expect.poll(() => inView(page, 'filler 40')).toBe(false);
  for (let i = 1; i <= 3; i++) running.room.send(`news ${i}`);
  return { running, page };
}

describe('runs and times', () => {
  it("draws one person's messages in the same minute as a run: name and time on the first, the others' time on hover", async () => {
    const running = await roomWithHistory([
      said(1, '2026-11-30T09:00:05Z', 'Alice', 'first'),
      said(2, '2026-11-30T09:00:40Z', 'Alice', 'same minute'),
      said(3, '2026-11-30T09:01:10Z', 'Alice', 'next minute'),
      said(4, '2026-11-30T09:01:20Z', 'Bob', 'someone else'),
    ]);
    const { page } = await pages.joinAs(`${running.url}?lang=en`, 'Reader');
    await expect.poll(() => confirmedTexts(page)).toEqual(['first', 'same minute', 'next minute', 'someone else']);
    const items = chatItems(page);
    const shown = (i: number) =>
      items.nth(i).evaluate((li) => ({
        author: getComputedStyle(li.querySelector('.author')!).position !== 'absolute',
        time: getComputedStyle(li.querySelector('time')!).visibility === 'visible',
      }));
    expect(await shown(0)).toEqual({ author: true, time: true });
    expect(await shown(1)).toEqual({ author: false, time: false });
    expect(await shown(2)).toEqual({ author: true, time: true });
    expect(await shown(3)).toEqual({ author: true, time: true });
    // Every item still names its author for a screen reader, and the hidden time shows on hover.
    expect(await items.nth(1).textContent()).toContain('Alice');
    await items.nth(1).hover();
    expect(await shown(1)).toEqual({ author: false, time: true });
  });
});

describe('reading back', () => {
  it('shows on the jump button how many messages came in below, and follows again after the jump', async () => {
    const { page } = await readingBackWithNews();
    const jump = page.getByRole('button', { name: '3 new messages, jump to the latest', exact: true });
    await jump.waitFor();
    expect(await jump.textContent()).toBe('3 new');
    await jump.click();
    await jump.waitFor({ state: 'detached' });
    await expect.poll(() => inView(page, 'news 3')).toBe(true);
  });
});

describe('links', () => {
  it.each(['light', 'dark'] as const)('makes LAN and www addresses links that look like links (%s)', async (colorScheme) => {
    const running = await pages.startRoom();
    const { page } = await pages.joinAs(`${running.url}?lang=en`, 'Reader', { colorScheme });
    running.room.send('files at 192.168.1.5:8080/file and docs on www.example.org.');
    const message = chatItems(page).filter({ hasText: 'files at' });
    await message.waitFor();
    const links = message.getByRole('link');
    expect(await links.evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([
      ['192.168.1.5:8080/file', 'http://192.168.1.5:8080/file'],
      ['www.example.org', 'http://www.example.org/'],
    ]);
    // Underlined, and in a colour of its own that reads on the bubble (WCAG AA, 4.5:1).
    const look = await links.first().evaluate((a) => {
      const style = getComputedStyle(a);
      const text = getComputedStyle(a.closest('.bubble')!);
      const rgb = (c: string) =>
        c
          .match(/[\d.]+/g)!
          .slice(0, 3)
          .map(Number);
      const luminance = (c: string) => {
        const [r, g, b] = rgb(c).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const [light, dark] = [luminance(style.color), luminance(text.backgroundColor)].sort((x, y) => y - x);
      return { underline: style.textDecorationLine, ownColour: style.color !== text.color, contrast: (light! + 0.05) / (dark! + 0.05) };
    });
    expect(look.underline).toBe('underline');
    expect(look.ownColour).toBe(true);
    expect(look.contrast).toBeGreaterThanOrEqual(4.5);
  });
});

describe('history cleared by the host', () => {
  it('starts over for a reader who had scrolled back: no jump button left, and new messages are followed', async () => {
    const { running, page } = await readingBackWithNews();
    await page.getByRole('button', { name: '3 new messages, jump to the latest', exact: true }).waitFor();

    running.room.clearHistory();
    await log(page).getByText('The host cleared the history').waitFor();
    await page.locator('.jump').waitFor({ state: 'detached' });
    expect(await chatItems(page).count()).toBe(0);
    running.room.send('after the clear');
    await expect.poll(() => inView(page, 'after the clear')).toBe(true);
    expect(await page.locator('.jump').count()).toBe(0);
  });

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

describe('a message removed by the host', () => {
  it('is replaced by "Removed by the host" on every page at once, and for late joiners', async () => {
    const running = await pages.startRoom();
    const alice = await pages.joinAs(`${running.url}?lang=en`, 'Alice');
    const bob = await pages.joinAs(`${running.url}?lang=en`, 'Bob');
    await say(alice.page, 'keep this');
    await say(alice.page, 'regrettable');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['keep this', 'regrettable']);
    const seq = running.room.history().find((m) => m.text === 'regrettable')!.seq;
    running.room.removeMessage(seq);
    for (const { page } of [alice, bob]) {
      await expect.poll(() => confirmedTexts(page)).toEqual(['keep this']);
      const removed = chatItems(page).filter({ hasText: 'Removed by the host' });
      await removed.waitFor();
      // Who and when stay; the words are gone.
      expect(await removed.textContent()).toContain('Alice');
      expect(await log(page).getByText('regrettable').count()).toBe(0);
    }
    const late = await pages.joinAs(`${running.url}?lang=en`, 'Late');
    await chatItems(late.page).filter({ hasText: 'Removed by the host' }).waitFor();
    expect(await log(late.page).getByText('regrettable').count()).toBe(0);
  });
});

describe('names in the history after a reload', () => {
  it('keep the name each message was sent under, with the rename trail that explains it', async () => {
    const running = await pages.startRoom();
    const alice = await pages.joinAs(`${running.url}?lang=en`, 'Alice');
    const bob = await pages.joinAs(`${running.url}?lang=en`, 'Bob');
    await say(alice.page, 'hello as Alice');
    // What the page's own menu sends.
    await alice.page.getByRole('button', { name: 'Menu', exact: true }).click();
    await alice.page.getByRole('button', { name: 'Change name', exact: true }).click();
    const box = alice.page.getByRole('textbox', { name: 'New name', exact: true });
    await box.fill('Alicia');
    await box.press('Enter');
    await log(alice.page).getByText('\u2068Alice\u2069 is now \u2068Alicia\u2069').waitFor();
    await say(alice.page, 'hello as Alicia');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['hello as Alice', 'hello as Alicia']);

    await bob.page.reload();
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['hello as Alice', 'hello as Alicia']);
    const lines = await log(bob.page).getByRole('listitem').allTextContents();
    const trail = lines.findIndex((line) => line === '\u2068Alice\u2069 is now \u2068Alicia\u2069');
    expect(trail).toBeGreaterThan(lines.findIndex((line) => line.includes('hello as Alice')));
    expect(trail).toBeLessThan(lines.findIndex((line) => line.includes('hello as Alicia')));
    expect(lines[lines.findIndex((line) => line.includes('hello as Alice') && !line.includes('Alicia'))]).toContain('Alice');
    expect(lines).toContain('\u2068Alice\u2069 joined');
  });
});
