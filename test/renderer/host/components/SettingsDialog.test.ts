// The settings panel in real Chromium, driven by a real room through the host harness: each field
// checked as the host types by the room's own rules and told in the window's language, "Settings
// saved" in the language just chosen, the default names shown in the window's language, and a clear
// that does what its dialog says (the host window and every page start over).
import { describe, expect, it } from 'vitest';
import type { HostHarness, HostHarnessOptions } from '../../../../scripts/lib/host-harness.js';
import { useHostWindow } from '../../../support/host-window.js';
import { join as joinPeer, log as peerLog, PEER_DIR } from '../../../support/peer-pages.js';

const host = useHostWindow();

/** The host window over a room that also serves the peer page (for guests next to it). */
const start = (options: Partial<HostHarnessOptions> = {}) => host.start({ ...options, room: { peerAssetsDir: PEER_DIR, ...options.room } });

async function openSettings({ page }: HostHarness, name = 'Settings') {
  await page.getByRole('button', { name }).click();
  return page.getByRole('dialog', { name });
}

describe('checking as the host types', () => {
  it('says what is wrong with each field, by the rules the room applies, and sends nothing wrong', async () => {
    const h = await start();
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
    const h = await start({ locale: 'zh-CN' });
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
    const h = await start();
    const panel = await openSettings(h);
    await panel.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await panel.getByRole('button', { name: 'Save' }).click();
    await h.page.getByRole('status').filter({ hasText: '设置已保存' }).waitFor();
    expect(await h.page.getByText('Settings saved').count()).toBe(0);
  });

  it("shows the default room and host names in the window's language, and keeps them the defaults", async () => {
    const h = await start({ locale: 'zh-CN' });
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
    const h = await start();
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
