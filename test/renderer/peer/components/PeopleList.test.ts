// The People list in real Chromium against a real room: on phones (390 and 320 px) a strip that shows
// five or so people at once and never cuts off the "You" badge; long names cut with an ellipsis, whole
// on hover (the title) and on a long press; by keyboard, Tab reaches the list (a scrolling strip on
// phones, a column on desktops) and the arrow keys scroll it.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { joinRich, rawClient, type RichClient } from '../../../../scripts/lib/room-clients.js';
import { people, usePeerPages } from '../../../support/peer-pages.js';

const pages = usePeerPages();
const guests: RichClient[] = [];
afterEach(() => {
  for (const guest of guests.splice(0)) guest.ws.close();
});

/** A room with the host and five guests with names as the page suggests them. */
async function busyRoom(extra: string[] = []) {
  const running = await pages.startRoom({ settings: { roomName: 'Team Room', hostName: 'Hostess' } });
  const ws = running.url.replace('http', 'ws');
  for (const name of ['Amber Otter', 'Brisk Heron', 'Calm Walrus', 'Daring Finch', 'Eager Lynx', ...extra])
    guests.push(await joinRich(ws, name));
  return running;
}

/** How many entries of the list are wholly inside its visible box, and whether the "You" badge is, uncut. */
function strip(page: Page) {
  return page.getByRole('list', { name: 'People', exact: true }).evaluate((list) => {
    const box = list.getBoundingClientRect();
    const inside = (r: DOMRect) =>
      r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    const items = [...list.querySelectorAll('li')];
    const you = list.querySelector<HTMLElement>('.badge-you')!;
    return {
      visible: items.filter((li) => inside(li.getBoundingClientRect())).length,
      youShown: inside(you.getBoundingClientRect()) && you.scrollWidth <= you.clientWidth && getComputedStyle(you).visibility === 'visible',
    };
  });
}

describe('on phones', () => {
  it.each([
    [390, 5],
    [320, 4],
  ])('at %i px shows at least %i people at once and the whole "You" badge', async (width, atLeast) => {
    const { url } = await busyRoom();
    const { page } = await pages.joinAs(`${url}?lang=en`, 'Gentle Panda', {
      viewport: { width, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await expect.poll(() => people(page).count()).toBe(7);
    const seen = await strip(page);
    expect(seen.visible).toBeGreaterThanOrEqual(atLeast);
    expect(seen.youShown).toBe(true);
    // The page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
});

describe('long names', () => {
  const long = 'Bartholomew Maximilian the Third';

  it.each([
    ['a phone', { width: 390, height: 740 }],
    ['a desktop', { width: 1100, height: 740 }],
  ])('on %s cuts a long name with an ellipsis and shows it whole on hover and on a long press', async (_, viewport) => {
    const { url } = await busyRoom([long]);
    const { page } = await pages.joinAs(`${url}?lang=en`, 'Me', { viewport });
    const entry = people(page).filter({ hasText: long });
    await entry.waitFor();
    const name = entry.locator('.person-name');
    const cut = () => name.evaluate((el) => ({ cut: el.scrollWidth > el.clientWidth, ellipsis: getComputedStyle(el).textOverflow }));
    expect(await cut()).toEqual({ cut: true, ellipsis: 'ellipsis' });
    // The whole name is there for screen readers and in the tooltip a hover shows.
    expect(await name.textContent()).toBe(long);
    expect(await entry.getAttribute('title')).toBe(long);

    // A long press (a phone has no hover) shows it whole.
    await entry.scrollIntoViewIfNeeded();
    const box = (await entry.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect.poll(() => entry.getAttribute('class')).toContain('full-name');
    await page.mouse.up();
    expect((await cut()).cut).toBe(false);
  });
});

describe('people list', () => {
  it.each([
    ['desktop', { width: 1280, height: 600 }, 'ArrowDown', 'scrollTop'],
    ['phone', { width: 390, height: 844 }, 'ArrowRight', 'scrollLeft'],
  ] as const)('on a %s, Tab reaches the list and the arrow keys scroll it', async (_screen, viewport, key, scrolled) => {
    const running = await pages.startRoom();
    const wsUrl = `ws://127.0.0.1:${running.port}/`;
    const guests = await Promise.all(Array.from({ length: 30 }, () => rawClient(wsUrl)));
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
