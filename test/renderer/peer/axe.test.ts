// axe-core (WCAG 2.1 A/AA and best practices) on every main state of the peer page, in real Chromium
// against a real room with people and messages in it: the join screen (also asking for a PIN), the
// chat, the header menu and the rename form, on a phone and a desktop, light and dark, English and
// Chinese. Zero violations.
import { describe, it } from 'vitest';
import { joinRich, rawClient } from '../../../scripts/lib/room-clients.js';
import { expectNoAxeViolations } from '../../support/axe.js';
import { chatItems, usePeerPages } from '../../support/peer-pages.js';

const pages = usePeerPages();

const SCREENS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const LANGUAGES = {
  en: { lang: 'en', yourName: 'Your name', join: 'Join', message: 'Message', menu: 'Menu', rename: 'Change name' },
  'zh-CN': { lang: 'zh-CN', yourName: '你的名字', join: '加入', message: '消息', menu: '菜单', rename: '修改名字' },
} as const;

describe.each(Object.keys(SCREENS) as (keyof typeof SCREENS)[])('peer page on a %s', (screen) => {
  it.each([
    ['light', 'en'],
    ['dark', 'zh-CN'],
    ['dark', 'en'],
    ['light', 'zh-CN'],
  ] as const)('has no violations, %s theme, %s: join, chat, menu, rename', async (colorScheme, language) => {
    const running = await pages.startRoom({ settings: { roomName: 'Design review' } });
    const words = LANGUAGES[language];
    const wsUrl = `ws://127.0.0.1:${running.port}/`;
    const amber = await joinRich(wsUrl, 'Amber Otter');
    const raw = await rawClient(wsUrl);
    amber.say('Morning! Slides: http://192.168.1.23:8080/review.pdf');
    raw.ws.send('build bot: nightly build passed');
    running.room.send('Welcome, everyone.');

    const { page } = await pages.openPeer(`${running.url}?lang=${words.lang}`, { viewport: SCREENS[screen], colorScheme });
    const state = (name: string) => `${screen}, ${colorScheme}, ${language}, ${name}`;
    await page.getByRole('button', { name: words.join, exact: true }).waitFor();
    await expectNoAxeViolations(page, state('join screen'));

    await page.getByRole('textbox', { name: words.yourName, exact: true }).fill('Priya');
    await page.getByRole('button', { name: words.join, exact: true }).click();
    const message = page.getByRole('textbox', { name: words.message, exact: true });
    await message.fill('On my way.');
    await message.press('Enter');
    // Everyone's messages, the guest's own confirmed by the room.
    await chatItems(page).nth(3).waitFor();
    await page.locator('li.msg.own:not(.pending)').waitFor();
    await expectNoAxeViolations(page, state('chat'));

    await page.getByRole('button', { name: words.menu, exact: true }).click();
    await expectNoAxeViolations(page, state('menu open'));
    await page.getByRole('button', { name: words.rename, exact: true }).click();
    await expectNoAxeViolations(page, state('rename form'));

    amber.ws.close();
    raw.ws.close();
  });
});

describe('peer page asking for a PIN', () => {
  it('has no violations with the PIN box shown', async () => {
    const running = await pages.startRoom({ settings: { pin: '4321' } });
    const { page } = await pages.openPeer(`${running.url}?lang=en`, { viewport: SCREENS.phone });
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('textbox', { name: /PIN/ }).waitFor();
    await expectNoAxeViolations(page, 'PIN asked');
  });
});

describe('peer page under the host’s rules', () => {
  it.each([
    ['phone', 'light', 'en'],
    ['desktop', 'dark', 'zh-CN'],
  ] as const)(
    'has no violations on a %s, %s theme, %s: waiting room, muted, slow mode, locked, removed message, banned',
    async (screen, colorScheme, language) => {
      const running = await pages.startRoom({ settings: { roomName: 'Design review' } });
      const { room } = running;
      const words = LANGUAGES[language];
      const options = { viewport: SCREENS[screen], colorScheme };
      const state = (name: string) => `${screen}, ${colorScheme}, ${language}, ${name}`;
      const open = async (name: string) => {
        const peer = await pages.openPeer(`${running.url}?lang=${words.lang}`, options);
        await peer.page.getByRole('textbox', { name: words.yourName, exact: true }).fill(name);
        await peer.page.getByRole('button', { name: words.join, exact: true }).click();
        return peer.page;
      };

      const priya = await open('Priya');
      await priya.getByRole('textbox', { name: words.message, exact: true }).waitFor();
      room.setWaitingRoom(true);
      const waiting = await open('Quinn');
      await waiting.locator('.waiting-card').waitFor();
      await expectNoAxeViolations(waiting, state('waiting room'));
      room.setWaitingRoom(false);
      await waiting.getByRole('textbox', { name: words.message, exact: true }).waitFor();

      room.send('Welcome, everyone.');
      const removed = room.send('a message the host removes');
      room.removeMessage(removed.seq);
      room.setLocked(true);
      room.setSlowMode(30);
      room.mute(room.clients().find((c) => c.name === 'Priya')!.id, 10);
      await priya.locator('.composer-rule').waitFor();
      await priya.locator('.room-flags .badge-flag').waitFor();
      await chatItems(priya).locator('.removed').waitFor();
      await expectNoAxeViolations(priya, state('muted, locked, slow mode, a removed message'));

      await waiting.getByRole('textbox', { name: words.message, exact: true }).fill('first');
      await waiting.getByRole('textbox', { name: words.message, exact: true }).press('Enter');
      await waiting.getByRole('textbox', { name: words.message, exact: true }).fill('second, too soon');
      await waiting.getByRole('textbox', { name: words.message, exact: true }).press('Enter');
      await waiting.locator('.composer-rule').waitFor();
      await expectNoAxeViolations(waiting, state('slow mode countdown'));

      room.setLocked(false);
      room.ban(room.clients().find((c) => c.name === 'Quinn')!.id, 10);
      await waiting.getByRole('alert').waitFor();
      await expectNoAxeViolations(waiting, state('banned'));
    },
  );
});
