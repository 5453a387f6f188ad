// The menu on each person in the host window (Chromium, through the harness, on a real room): mute and
// unmute, bans of 10 minutes, an hour or until lifted (confirmed first), all by keyboard too, each seen
// at once on the guest's page.
import { describe, expect, it } from 'vitest';
import { messageBox } from '../../../support/peer-pages.js';
import { useHostWindow } from '../../../support/host-window.js';

const host = useHostWindow();

describe('the person menu', () => {
  it('mutes and unmutes: the guest’s composer follows at once, the list says who is muted', async () => {
    const { page } = await host.start();
    const alice = await host.guest('Alice');
    await page.getByRole('button', { name: 'Actions for Alice' }).click();
    await page.getByRole('button', { name: 'Mute', exact: true }).click();
    await expect.poll(() => messageBox(alice.page).isDisabled()).toBe(true);
    const row = page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Alice' });
    await row.getByText('Muted', { exact: true }).waitFor();
    await page.getByRole('log').getByText('The host muted \u2068Alice\u2069').waitFor();
    await page.getByRole('list', { name: 'Banned and muted' }).getByText('Alice').waitFor();

    await page.getByRole('button', { name: 'Actions for Alice' }).click();
    await page.getByRole('button', { name: 'Unmute', exact: true }).click();
    await expect.poll(() => messageBox(alice.page).isDisabled()).toBe(false);
    await expect.poll(() => row.getByText('Muted', { exact: true }).count()).toBe(0);
  });

  it('bans for 10 minutes after a confirmation; the guest is told; lifting it lets them back', async () => {
    const { page, room } = await host.start();
    const mallory = await host.guest('Mallory');
    await page.getByRole('button', { name: 'Actions for Mallory' }).click();
    await page.getByRole('button', { name: 'Ban for 10 minutes…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban Mallory?' });
    expect(await dialog.textContent()).toContain('nobody from this address or this browser can join for 10 minutes');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(room.clients()).toHaveLength(1);

    await page.getByRole('button', { name: 'Actions for Mallory' }).click();
    await page.getByRole('button', { name: 'Ban for 10 minutes…' }).click();
    await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
    await expect
      .poll(() => mallory.page.getByRole('alert').textContent())
      .toBe('You are banned from this room. You can come back in 10 minutes.');
    await page.getByRole('log').getByText('\u2068Mallory\u2069 was banned by the host').waitFor();
    const restrictions = page.getByRole('list', { name: 'Banned and muted' });
    await restrictions.getByText('Banned', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Lift the ban on Mallory' }).click();
    await restrictions.waitFor({ state: 'detached' });
    await mallory.page.getByRole('button', { name: 'Join', exact: true }).click();
    await messageBox(mallory.page).waitFor();
  });

  it('is reachable by keyboard, and offers an hour or until lifted', async () => {
    const { page, room } = await host.start();
    await host.guest('Bob');
    const menuButton = page.getByRole('button', { name: 'Actions for Bob' });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('.person-menu:popover-open');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    await page.keyboard.press('Enter');
    // The items follow the button: Tab walks into them.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ban for 1 hour…');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Ban Bob?' });
    expect(await dialog.textContent()).toContain('until you lift the ban in Room controls');
    // The dialog starts on Cancel: Enter there changes nothing.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(room.moderationState().bans).toEqual([]);
  });
});
