// axe-core (WCAG 2.1 A/AA and best practices) on every main state of the host window, through the
// host harness in real Chromium with a real room that has people and messages: the main view at 1280,
// 760 and 600 px, light and dark, English and Chinese, with the settings drawer, the clear-history
// confirmation and the full-screen join view open. Zero violations.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, joinRich, rawClient, terminateClients } from '../../../scripts/lib/room-clients.js';
import { expectNoAxeViolations } from '../../support/axe.js';
import { useHostWindow } from '../../support/host-window.js';

const { start } = useHostWindow();

const WORDS = {
  'en-US': {
    settings: 'Settings',
    clear: 'Clear history…',
    cancel: 'Cancel',
    close: 'Close',
    show: 'Show to the room',
    panel: 'Join, people and controls',
  },
  'zh-CN': { settings: '设置', clear: '清空聊天记录…', cancel: '取消', close: '关闭', show: '投屏展示', panel: '加入、成员与管理' },
} as const;

/** Join addresses as a home network gives them (a room bound to 127.0.0.1 has only loopback). */
const DISPLAY_URLS = [
  { url: 'http://192.168.1.23:7681/?pin=2468', address: '192.168.1.23', interface: 'Wi-Fi', virtual: false },
  { url: 'http://10.8.0.2:7681/?pin=2468', address: '10.8.0.2', interface: 'tun0', virtual: true },
];

describe('host window', () => {
  it.each([
    [1280, 'light', 'en-US'],
    [1280, 'dark', 'zh-CN'],
    [760, 'dark', 'en-US'],
    [600, 'light', 'zh-CN'],
  ] as const)(
    'has no violations at %i px, %s theme, %s: main view, settings, clear history, full screen',
    async (width, colorScheme, locale) => {
      const harness = await start({
        room: { settings: { roomName: 'Design review', hostName: 'Sam' } },
        viewport: { width, height: 800 },
        colorScheme,
        locale,
        displayUrls: DISPLAY_URLS,
      });
      const { page, wsUrl, room } = harness;
      const words = WORDS[locale];
      const state = (name: string) => `${width} px, ${colorScheme}, ${locale}, ${name}`;
      const alice = await joinRich(wsUrl, 'Amber Otter');
      const raw = await rawClient(wsUrl);
      alice.say('Morning! Slides: http://192.168.1.23:8080/review.pdf');
      raw.ws.send('build bot: nightly build passed');
      room.send('Welcome, everyone.');
      await page.getByRole('log').getByText('Welcome, everyone.').waitFor();
      // With a PIN the join card shows it too (set after the clients joined: they have none to give).
      room.updateSettings({ pin: '2468' });
      await expect.poll(() => page.getByText('2468', { exact: false }).count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, state('main view'));
      // Below 900 px the join card and the people open over the chat from the top bar.
      if (width < 900) {
        await page.getByRole('button', { name: words.panel, exact: true }).click();
        await expectNoAxeViolations(page, state('side panel open'));
      }

      await page.getByRole('button', { name: words.settings, exact: true }).click();
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page, state('settings'));
      await page.getByRole('button', { name: words.clear, exact: true }).click();
      await page.getByRole('alertdialog').or(page.getByRole('dialog').nth(1)).waitFor();
      await expectNoAxeViolations(page, state('clear history asked'));
      await page.getByRole('button', { name: words.cancel, exact: true }).last().click();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      // Dispatched, not clicked at a point: below 900 px the chat panel can still overlap the side
      // panel, and this test is about what axe finds, not about the layout.
      await page.getByRole('button', { name: words.show, exact: true }).dispatchEvent('click');
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page, state('full-screen join view'));
      await page.getByRole('button', { name: words.close, exact: true }).click();

      alice.ws.close();
      raw.ws.close();
    },
  );
});

/** A guest who says hello to a room with a waiting room: resolves once told to wait. */
async function knock(wsUrl: string, name: string): Promise<void> {
  const guest = await new Client(wsUrl, 'lan-chat.v1').open();
  guest.json({ type: 'hello', v: 1, name });
  await guest.next((m) => m.type === 'waiting');
}
afterEach(terminateClients);

describe('host window moderating', () => {
  it.each([
    [1280, 'light', 'en-US'],
    [760, 'dark', 'zh-CN'],
  ] as const)(
    'has no violations at %i px, %s theme, %s: person menu, ban asked, room controls in use, remove asked',
    async (width, colorScheme, locale) => {
      const harness = await start({ viewport: { width, height: 800 }, colorScheme, locale });
      const { page, wsUrl, room } = harness;
      const state = (name: string) => `${width} px, ${colorScheme}, ${locale}, ${name}`;
      const amber = await joinRich(wsUrl, 'Amber Otter');
      const basil = await joinRich(wsUrl, 'Basil');
      amber.say('Morning!');
      room.send('Welcome, everyone.');
      // From an address of its own: a ban takes everyone from the banned address out.
      const banned = await joinRich(wsUrl, 'Dune', { localAddress: '127.0.0.5' });
      room.ban(banned.welcome.you.id, null);
      room.mute(basil.welcome.you.id, 10);
      room.setSlowMode(30);
      room.setWaitingRoom(true);
      await knock(wsUrl, 'Cedar');
      // Locked after Cedar knocked: a lock keeps newcomers out before the waiting room.
      room.setLocked(true);
      // Below 900 px the people and the room controls open over the chat from the top bar.
      if (width < 900) await page.getByRole('button', { name: WORDS[locale].panel, exact: true }).click();
      await page.getByText('Cedar').waitFor();
      await page.getByRole('log').getByText('Welcome, everyone.').waitFor();
      await expectNoAxeViolations(page, state('room controls in use'));

      // By keyboard, which reaches everything also below 900 px, where the side panel lies over the chat.
      await page.locator('.person-menu-button').first().focus();
      await page.keyboard.press('Enter');
      await page.locator('.person-menu:popover-open').waitFor();
      await expectNoAxeViolations(page, state('person menu open'));
      await page.locator('.person-menu:popover-open button').nth(1).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page, state('ban asked'));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      const message = page.getByRole('log').getByRole('article').filter({ hasText: 'Morning!' });
      await message.locator('.remove-message').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page, state('remove asked'));
    },
  );
});
