// The page's own controls in real Chromium against a real room: leaving, changing your name, the
// language switch and its memory, and the host clearing the history.
import { afterEach, describe, expect, it } from 'vitest';
import { chatItems, confirmedTexts, log, messageBox, type PeerPage, people, type RunningRoom, say, usePeerPages } from './helpers.js';

const pages = usePeerPages();
let running: RunningRoom | null = null;
afterEach(() => {
  running = null;
});

async function joined(name: string, query = '?lang=en') {
  running ??= await pages.startRoom();
  const peer = await pages.joinAs(`${running.url}${query}`, name);
  return peer;
}

const nameBox = (peer: PeerPage) => peer.page.getByRole('textbox', { name: 'Your name', exact: true });
const menuButton = (peer: PeerPage) => peer.page.getByRole('button', { name: 'Menu', exact: true });

describe('leaving and renaming', () => {
  it('Leave goes back to the join screen, others see it, and a reload then stays on the join screen', async () => {
    const alice = await joined('Alice');
    const bob = await joined('Bob');
    await menuButton(bob).click();
    await bob.page.getByRole('button', { name: 'Leave', exact: true }).click();
    await nameBox(bob).waitFor();
    expect(await nameBox(bob).inputValue()).toBe('Bob');
    await expect.poll(() => log(alice.page).getByText('Bob left').count()).toBe(1);
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
      await expect.poll(() => log(peer.page).getByText('Alice is now Alicia').count()).toBe(1);
      await expect.poll(() => people(peer.page).allInnerTexts()).toContainEqual(expect.stringContaining('Alicia'));
    }
    await say(alice.page, 'new name, same me');
    await expect.poll(() => chatItems(bob.page).last().textContent()).toContain('Alicia');

    await alice.page.reload();
    await messageBox(alice.page).waitFor();
    await expect.poll(() => people(alice.page).allInnerTexts()).toHaveLength(3);
    expect((await people(alice.page).allInnerTexts()).join('|')).toContain('Alicia');
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

describe('language switch', () => {
  it('switches to Chinese and back, remembers the choice over the browser language, and ?lang= wins over both', async () => {
    running = await pages.startRoom();
    const peer = await pages.openPeer(running.url, { locale: 'en-US' });
    const { page } = peer;
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await page.getByRole('button', { name: '加入', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    // Remembered on this device: a reload (browser still English) stays Chinese, also in the room.
    await page.reload();
    await page.getByRole('button', { name: '加入', exact: true }).click();
    await page.getByRole('textbox', { name: '消息', exact: true }).waitFor();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await messageBox(page).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    // ?lang= beats the stored choice; switching keeps the address in step so a reload agrees.
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await page.goto(`${running.url}?lang=en`);
    await messageBox(page).waitFor();
    await page.getByRole('button', { name: '中文', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh-CN');
    await page.reload();
    await page.getByRole('textbox', { name: '消息', exact: true }).waitFor();
  });
});

describe('history cleared by the host', () => {
  it('empties the list, says so, and goes on with new messages', async () => {
    const alice = await joined('Alice');
    await say(alice.page, 'one');
    running!.room.send('two');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['one', 'two']);
    running!.room.clearHistory();
    await expect.poll(() => log(alice.page).getByText('The host cleared the history').count()).toBe(1);
    expect(await chatItems(alice.page).count()).toBe(0);
    running!.room.send('three');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['three']);
    // A late joiner gets only what came after the clear.
    const bob = await joined('Bob');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['three']);
  });
});
