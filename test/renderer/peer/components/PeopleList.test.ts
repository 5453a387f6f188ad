// The people list by keyboard, in real Chromium against a real room with more people than fit: Tab
// reaches the list (a scrolling strip on phones, a column on desktops) and the arrow keys scroll it.
import { describe, expect, it } from 'vitest';
import { joinRaw } from '../../../../scripts/lib/room-clients.js';
import { usePeerPages } from '../../../support/peer-pages.js';

const pages = usePeerPages();

describe('people list', () => {
  it.each([
    ['desktop', { width: 1280, height: 600 }, 'ArrowDown', 'scrollTop'],
    ['phone', { width: 390, height: 844 }, 'ArrowRight', 'scrollLeft'],
  ] as const)('on a %s, Tab reaches the list and the arrow keys scroll it', async (_screen, viewport, key, scrolled) => {
    const running = await pages.startRoom();
    const wsUrl = `ws://127.0.0.1:${running.port}/`;
    const guests = await Promise.all(Array.from({ length: 30 }, () => joinRaw(wsUrl)));
    const { page } = await pages.joinAs(`${running.url}?lang=en`, 'Priya', { viewport });
    const list = page.getByRole('list', { name: 'People', exact: true });
    await list.getByRole('listitem').nth(31).waitFor({ state: 'attached' });

    let reached = false;
    for (let presses = 0; presses < 30 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await list.evaluate((element) => element === document.activeElement);
    }
    expect(reached).toBe(true);
    for (let i = 0; i < 5; i++) await page.keyboard.press(key);
    await expect.poll(() => list.evaluate((element, property) => element[property], scrolled)).toBeGreaterThan(0);
    for (const guest of guests) guest.ws.close();
  });
});
