// The room controls in the host window (Chromium, through the harness, on a real room): the lock, the
// waiting room and its list (admit, turn away, everyone), slow mode, each seen at once on the guests'
// pages and enforced by the room; and in Chinese.
import { describe, expect, it } from 'vitest';
import { log, messageBox, say } from '../../../support/peer-pages.js';
import { useHostWindow } from '../../../support/host-window.js';

const host = useHostWindow();

async function knock(name: string) {
  const visitor = await host.visitor();
  await visitor.page.getByRole('textbox', { name: 'Your name', exact: true }).fill(name);
  await visitor.page.getByRole('button', { name: 'Join', exact: true }).click();
  return visitor;
}

describe('room controls', () => {
  it('locks the room: a newcomer is refused, who is inside stays and sees the lock; unlocking opens it', async () => {
    const { page, room } = await host.start();
    const inside = await host.guest('Inside');
    const lock = page.getByRole('switch', { name: 'Lock the room' });
    await lock.check();
    await inside.page.locator('.room-flags').getByText('Locked').waitFor();
    expect(room.status().locked).toBe(true);
    const newcomer = await knock('Newcomer');
    await expect
      .poll(() => newcomer.page.getByRole('alert').textContent())
      .toBe('The room is locked: the host is not letting anyone new in right now.');
    await lock.uncheck();
    await expect.poll(() => inside.page.locator('.room-flags').count()).toBe(0);
    await newcomer.page.getByRole('button', { name: 'Join', exact: true }).click();
    await messageBox(newcomer.page).waitFor();
  });

  it('runs a waiting room: the list shows who waits; admit, turn away, admit everyone', async () => {
    const { page } = await host.start();
    await page.getByRole('switch', { name: 'Waiting room' }).check();
    const list = page.getByRole('list', { name: 'Waiting to join' });
    const [carol, dave, erin, finn] = [await knock('Carol'), await knock('Dave'), await knock('Erin'), await knock('Finn')];
    await expect.poll(() => list.getByRole('listitem').count()).toBe(4);
    await carol.page.getByText('Waiting for the host to let you in').waitFor();

    await page.getByRole('button', { name: 'Admit Carol' }).click();
    await messageBox(carol.page).waitFor();
    await page.getByRole('button', { name: 'Turn away Dave' }).click();
    await expect.poll(() => dave.page.getByRole('alert').textContent()).toBe('The host did not let you in.');
    await page.getByRole('button', { name: 'Admit everyone' }).click();
    await messageBox(erin.page).waitFor();
    await messageBox(finn.page).waitFor();
    await page.getByText('Nobody is waiting.').waitFor();
    await page.getByRole('log').getByText('\u2068Finn\u2069 joined').waitFor();
  });

  it('slows the room down: the guest sees it at once and the room keeps one message per interval', async () => {
    const { page, room } = await host.start();
    const alice = await host.guest('Alice');
    await page.getByRole('combobox', { name: 'Slow mode' }).selectOption({ label: 'One message every 30 seconds' });
    await alice.page.locator('.room-flags').getByText('Slow mode: one message every 30 seconds.').waitFor();
    await log(alice.page).getByText('Slow mode: one message every 30 seconds per person').waitFor();
    await say(alice.page, 'one');
    await say(alice.page, 'two');
    await alice.page.locator('.composer-rule').waitFor();
    expect(room.history().map((m) => m.text)).toEqual(['one']);
    // The host is exempt.
    await page.getByRole('textbox', { name: 'Message' }).fill('host one');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page.getByRole('textbox', { name: 'Message' }).fill('host two');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect.poll(() => room.history().map((m) => m.text)).toEqual(['one', 'host one', 'host two']);
    await page.getByRole('combobox', { name: 'Slow mode' }).selectOption({ label: 'Off' });
    await expect.poll(() => alice.page.locator('.room-flags').count()).toBe(0);
  });

  it('speaks Chinese', async () => {
    const { page } = await host.start({ locale: 'zh-CN' });
    await page.getByRole('heading', { name: '房间管理' }).waitFor();
    await page.getByRole('switch', { name: '锁定房间' }).waitFor();
    await page.getByRole('switch', { name: '等候室' }).check();
    await page.getByText('没有人在等候。').waitFor();
    await page.getByRole('combobox', { name: '慢速模式' }).selectOption({ index: 1 });
    await page
      .getByRole('log')
      .getByText(/^慢速模式：每人每 5 ?秒钟? ?只能发一条消息$/)
      .waitFor();
  });
});
