// The settings panel in real Chromium, driven by a real room through the host harness: each field
// checked as the host types by the room's own rules and told in the window's language, "Settings
// saved" in the language just chosen, the default names shown in the window's language, and a clear
// that does what its dialog says (the host window and every page start over). A new PIN: with people in
// the room the host chooses whether those here without it stay or go, and the guests' pages follow.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HostHarness } from '../../../../scripts/lib/host-harness.js';
import { useHostWindow } from '../../../support/host-window.js';
import { confirmedTexts, join as joinPeer, log as peerLog, messageBox, say } from '../../../support/peer-pages.js';

const host = useHostWindow();

async function openSettings({ page }: HostHarness, name = 'Settings') {
  await page.getByRole('button', { name }).click();
  return page.getByRole('dialog', { name });
}

describe('checking as the host types', () => {
  it('says what is wrong with each field, by the rules the room applies, and sends nothing wrong', async () => {
    const h = await host.start();
    const panel = await openSettings(h);
    const field = (name: string) => panel.getByRole('textbox', { name, exact: true });
    const problem = async (name: string) => {
      const box = field(name);
      if ((await box.getAttribute('aria-invalid')) !== 'true') return null;
      return panel.locator(`#${await box.getAttribute('aria-describedby')}`).textContent();
    };

    await field('Port').fill('70000');
    expect(await problem('Port')).toBe('Enter a port from 1 to 65535.');
    await field('Port').fill('8080');
    expect(await problem('Port')).toBeNull();
    await panel.getByRole('checkbox', { name: 'Require a PIN to join' }).check();
    // Ticked, the box suggests a PIN the room takes; emptied, it says what a PIN must be.
    expect(await problem('PIN')).toBeNull();
    await field('PIN').fill('');
    expect(await problem('PIN')).toBe('A PIN is 4 to 32 letters or digits.');
    // Longer than the old form allowed (12), as the room allows (32).
    await field('PIN').fill('abcdefghijklmnop1234');
    expect(await problem('PIN')).toBeNull();
    await field('PIN').fill('12 34');
    expect(await problem('PIN')).toBe('A PIN is 4 to 32 letters or digits.');
    await field('Room name').fill('   ');
    expect(await problem('Room name')).toBe('This can’t be empty.');
    // The name boxes take what the room keeps, and say so.
    expect(await field('Your name').getAttribute('maxlength')).toBe('32');
    expect(await panel.getByText('Up to 32 characters').count()).toBe(1);

    // Save sends nothing while something is wrong, and takes the host to the first problem.
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => field('Room name').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(h.room.settings()).toMatchObject({ roomName: 'LAN Chat', pin: null, port: 0 });
    await field('Room name').fill('Book club');
    await field('PIN').fill('2468');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(h.room.settings()).toMatchObject({ roomName: 'Book club', pin: '2468' });
  });

  it('says it in Chinese in a Chinese window', async () => {
    const h = await host.start({ locale: 'zh-CN' });
    const panel = await openSettings(h, '设置');
    await panel.getByRole('checkbox', { name: '加入时需要 PIN' }).check();
    await panel.getByRole('textbox', { name: 'PIN', exact: true }).fill('12');
    await panel.getByText('PIN 为 4 到 32 位字母或数字。').waitFor();
    await panel.getByRole('textbox', { name: '端口' }).fill('0');
    await panel.getByText('请输入 1 到 65535 之间的端口。').waitFor();
  });
});

describe('languages', () => {
  it('says "Settings saved" in the language just chosen', async () => {
    const h = await host.start();
    const panel = await openSettings(h);
    await panel.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await panel.getByRole('button', { name: 'Save' }).click();
    await h.page.getByRole('status').filter({ hasText: '设置已保存' }).waitFor();
    expect(await h.page.getByText('Settings saved').count()).toBe(0);
  });

  it("shows the default room and host names in the window's language, and keeps them the defaults", async () => {
    const h = await host.start({ locale: 'zh-CN' });
    const { page, room } = h;
    await page.getByRole('heading', { name: '局域网聊天', level: 1 }).waitFor();
    await page.getByRole('list', { name: '成员' }).getByText('房主', { exact: true }).first().waitFor();
    room.send('大家好');
    const message = page.getByRole('log').getByRole('article').filter({ hasText: '大家好' });
    await message.waitFor();
    expect(await message.textContent()).toContain('房主 (我)');
    const panel = await openSettings(h, '设置');
    expect(await panel.getByRole('textbox', { name: '聊天室名称' }).inputValue()).toBe('局域网聊天');
    expect(await panel.getByRole('textbox', { name: '你的名字' }).inputValue()).toBe('房主');
    await panel.getByRole('button', { name: '保存' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(room.settings()).toMatchObject({ roomName: 'LAN Chat', hostName: 'Host' });
  });
});

describe('clearing the history', () => {
  it("says that everyone's screens are wiped, and the host window and every page start over", async () => {
    const h = await host.start();
    const { page, room, httpUrl } = h;
    const context = await host.browser().newContext({ locale: 'en-US' });
    try {
      const guest = await context.newPage();
      await guest.goto(`${httpUrl}?lang=en`);
      await joinPeer(guest, 'Alice');
      room.send('soon gone');
      await peerLog(guest).getByText('soon gone').waitFor();
      await page.getByRole('log').getByText('soon gone').waitFor();

      const panel = await openSettings(h);
      await panel.getByRole('button', { name: 'Clear history…' }).click();
      const confirm = page.getByRole('dialog', { name: 'Clear the chat history?' });
      expect(await confirm.textContent()).toContain('from the screens of everyone in the room');
      await confirm.getByRole('button', { name: 'Clear history' }).click();

      await page.getByRole('log').getByText('History cleared').waitFor();
      await peerLog(guest).getByText('The host cleared the history').waitFor();
      expect(await page.getByRole('log').getByText('soon gone').count()).toBe(0);
      expect(await peerLog(guest).getByText('soon gone').count()).toBe(0);
      expect(room.history()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

async function setPin(page: Page, pin: string, people: 'may stay' | 'are removed now' | null) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const panel = page.getByRole('dialog', { name: 'Settings' });
  await panel.getByRole('checkbox', { name: 'Require a PIN to join' }).check();
  await panel.getByRole('textbox', { name: 'PIN', exact: true }).fill(pin);
  const choice = panel.getByRole('group', { name: 'People here now who joined without this PIN' });
  if (people === null) expect(await choice.count()).toBe(0);
  else await choice.getByRole('radio', { name: new RegExp(`^${people}`) }).check();
  await panel.getByRole('button', { name: 'Save' }).click();
  await panel.waitFor({ state: 'detached' });
}

describe('a new PIN from the settings', () => {
  it('lets the host remove the people here without it: their pages ask for the new PIN', async () => {
    const { page, room } = await host.start();
    const alice = await host.guest('Alice');
    await setPin(page, '2468', 'are removed now');
    expect(room.settings().pin).toBe('2468');
    await expect.poll(() => alice.page.getByRole('alert').textContent()).toBe('The room’s PIN changed. Enter the new PIN to come back in.');
    await alice.page.getByRole('textbox', { name: 'Room PIN', exact: true }).fill('2468');
    await alice.page.getByRole('button', { name: 'Join', exact: true }).click();
    await messageBox(alice.page).waitFor();
  });

  it('or lets them stay, chatting on; the choice only shows with people in the room', async () => {
    const { page, room } = await host.start();
    await setPin(page, '1357', null);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('checkbox', { name: 'Require a PIN to join' }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => room.settings().pin).toBeNull();

    const bob = await host.guest('Bob');
    await setPin(page, '8642', 'may stay');
    await expect.poll(() => room.settings().pin).toBe('8642');
    await say(bob.page, 'still here');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['still here']);
    // Set twice (first with nobody here): two lines.
    await expect.poll(() => page.getByRole('log').getByText('The host set a PIN for the room').count()).toBe(2);
  });
});
