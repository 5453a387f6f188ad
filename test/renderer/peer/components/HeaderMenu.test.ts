// The header's menu in real Chromium against a real room: leaving, changing your name, and closing it
// with Escape.
import { afterEach, describe, expect, it } from 'vitest';
import { chatItems, log, messageBox, type PeerPage, people, type RunningRoom, say, usePeerPages } from '../../../support/peer-pages.js';

const pages = usePeerPages();
let running: RunningRoom | null = null;
afterEach(() => {
  running = null;
});

async function joined(name: string) {
  running ??= await pages.startRoom();
  const peer = await pages.joinAs(`${running.url}?lang=en`, name);
  return peer;
}

const nameBox = (peer: PeerPage) => peer.page.getByRole('textbox', { name: 'Your name', exact: true });
const menuButton = (peer: PeerPage) => peer.page.getByRole('button', { name: 'Menu', exact: true });

describe('leaving and renaming', () => {
  it('Leave asks first; once confirmed it shows "you left", others see it, and a reload then stays on the join screen', async () => {
    const alice = await joined('Alice');
    const bob = await joined('Bob');
    const leave = bob.page.getByRole('button', { name: 'Leave', exact: true });
    // The first Leave only asks; Cancel keeps Bob in the room.
    await menuButton(bob).click();
    await leave.click();
    const question = bob.page.getByRole('group', { name: 'Leave the room? The others will see that you left.' });
    await question.waitFor();
    await question.getByRole('button', { name: 'Cancel', exact: true }).click();
    await question.waitFor({ state: 'detached' });
    expect(await messageBox(bob.page).count()).toBe(1);
    expect(running!.room.clients()).toHaveLength(2);

    await menuButton(bob).click();
    await leave.click();
    await question.getByRole('button', { name: 'Leave', exact: true }).click();
    await nameBox(bob).waitFor();
    await bob.page.getByRole('status').filter({ hasText: 'You left the room.' }).waitFor();
    expect(await nameBox(bob).inputValue()).toBe('Bob');
    await expect.poll(() => log(alice.page).getByText('\u2068Bob\u2069 left').count()).toBe(1);
    await expect.poll(() => people(alice.page).count()).toBe(2);

    await bob.page.reload();
    await nameBox(bob).waitFor();
    expect(await nameBox(bob).inputValue()).toBe('Bob');
    expect(await messageBox(bob.page).count()).toBe(0);
    expect(running!.room.clients()).toHaveLength(1);
  });

  it('changes the name from the menu: everyone sees the new name, and a reload keeps it', async () => {
    const alice = await joined('Alice');
    const bob = await joined('Bob');
    await menuButton(alice).click();
    await alice.page.getByRole('button', { name: 'Change name', exact: true }).click();
    const box = alice.page.getByRole('textbox', { name: 'New name', exact: true });
    expect(await box.inputValue()).toBe('Alice');
    await box.fill('Alicia');
    await box.press('Enter');
    for (const peer of [alice, bob]) {
      await expect.poll(() => log(peer.page).getByText('\u2068Alice\u2069 is now \u2068Alicia\u2069').count()).toBe(1);
      await expect.poll(() => people(peer.page).allInnerTexts()).toContainEqual(expect.stringContaining('Alicia'));
    }
    await say(alice.page, 'new name, same me');
    await expect.poll(() => chatItems(bob.page).last().textContent()).toContain('Alicia');

    await alice.page.reload();
    await messageBox(alice.page).waitFor();
    await expect.poll(() => people(alice.page).allInnerTexts()).toHaveLength(3);
    expect((await people(alice.page).allInnerTexts()).join('|')).toContain('Alicia');
  });

  it('after a rename, leaving keeps the new name in the form for joining again', async () => {
    const alice = await joined('Alice');
    await menuButton(alice).click();
    await alice.page.getByRole('button', { name: 'Change name', exact: true }).click();
    const box = alice.page.getByRole('textbox', { name: 'New name', exact: true });
    await box.fill('Alicia');
    await box.press('Enter');
    await expect.poll(() => people(alice.page).allInnerTexts()).toContainEqual(expect.stringContaining('Alicia'));
    await menuButton(alice).click();
    await alice.page.getByRole('button', { name: 'Leave', exact: true }).click();
    await alice.page.getByRole('group').getByRole('button', { name: 'Leave', exact: true }).click();
    await nameBox(alice).waitFor();
    expect(await nameBox(alice).inputValue()).toBe('Alicia');
    // Joining again from there is one press.
    await alice.page.getByRole('button', { name: 'Join', exact: true }).click();
    await messageBox(alice.page).waitFor();
    await expect.poll(() => people(alice.page).allInnerTexts()).toContainEqual(expect.stringContaining('Alicia'));
  });

  it('Escape closes the menu and gives focus back to its button', async () => {
    const alice = await joined('Alice');
    await menuButton(alice).click();
    expect(await menuButton(alice).getAttribute('aria-expanded')).toBe('true');
    await alice.page.keyboard.press('Escape');
    expect(await menuButton(alice).getAttribute('aria-expanded')).toBe('false');
    expect(await alice.page.getByRole('button', { name: 'Leave', exact: true }).count()).toBe(0);
    expect(await menuButton(alice).evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
