// The join screen in real Chromium against a real room: which room it is and whose before joining,
// the PIN asked up front, a lockout that counts down, and a name box as long as the room allows.
import { describe, expect, it } from 'vitest';
import { messageBox, usePeerPages } from '../../../support/peer-pages.js';

const pages = usePeerPages();

describe('before joining', () => {
  it("shows the room's name and the host's name, in the heading and the tab title", async () => {
    const { url } = await pages.startRoom({ settings: { roomName: 'Team Room', hostName: 'Hostess' } });
    const { page } = await pages.openPeer(`${url}?lang=en`);
    await page.getByRole('heading', { name: 'Team Room', level: 1 }).waitFor();
    await page.getByText('Hosted by Hostess').waitFor();
    expect(await page.title()).toBe('Team Room');
  });

  it("shows the default room name in the page's language", async () => {
    const { url } = await pages.startRoom();
    const { page } = await pages.openPeer(`${url}?lang=zh-CN`);
    await page.getByRole('heading', { name: '局域网聊天', level: 1 }).waitFor();
    expect(await page.title()).toBe('局域网聊天');
  });

  it('asks for the PIN up front in a PIN room, without calling it an error, and checks it is there', async () => {
    const { url } = await pages.startRoom({ settings: { pin: '2468' } });
    const { page } = await pages.openPeer(`${url}?lang=en`);
    const pin = page.getByRole('textbox', { name: /PIN/ });
    await pin.waitFor();
    expect(await pin.getAttribute('aria-invalid')).toBe('false');
    expect(await page.getByRole('alert').count()).toBe(0);
    // The name is prefilled: the PIN is what is left to type, so it has the focus.
    await expect.poll(() => pin.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('alert').getByText('This room needs a PIN').waitFor();
    await pin.fill('2468');
    await pin.press('Enter');
    await messageBox(page).waitFor();
  });

  it('counts a PIN lockout down to the moment the PIN may be tried again', async () => {
    const { url } = await pages.startRoom({ settings: { pin: '2468' }, limits: { maxPinFailures: 2, pinLockoutMs: 3_000 } });
    const { page } = await pages.openPeer(`${url}?lang=en`);
    const pin = page.getByRole('textbox', { name: /PIN/ });
    const alert = page.getByRole('alert');
    await pin.fill('1111');
    await pin.press('Enter');
    await alert.getByText('That PIN is not right').waitFor();
    // The second wrong PIN uses up the tries: the next attempt is refused for the lockout's length.
    const answered = page.waitForEvent('websocket').then((ws) => ws.waitForEvent('close'));
    await pin.press('Enter');
    await answered;
    await pin.press('Enter');
    await alert.getByText('Too many wrong PINs. Try again in 3 s.').waitFor();
    await alert.getByText('Too many wrong PINs. Try again in 2 s.').waitFor();
    await alert.getByText('Too many wrong PINs. Try again in 1 s.').waitFor();
    await alert.getByText('You can try the PIN again now.').waitFor({ timeout: 5_000 });
    await pin.fill('2468');
    await pin.press('Enter');
    await messageBox(page).waitFor();
  });

  it('takes names as long as the room keeps them, says how long, and the room keeps the name whole', async () => {
    const { url, room } = await pages.startRoom({ limits: { maxNameLength: 12 } });
    const { page } = await pages.openPeer(`${url}?lang=en`);
    const name = page.getByRole('textbox', { name: 'Your name', exact: true });
    await page.getByText('Up to 12 characters').waitFor();
    expect(await name.getAttribute('aria-describedby')).toBe(await page.getByText('Up to 12 characters').getAttribute('id'));
    await expect.poll(() => name.getAttribute('maxlength')).toBe('12');
    await name.fill('');
    await name.pressSequentially('Maximilianus Augustus');
    expect(await name.inputValue()).toBe('Maximilianus');
    await name.press('Enter');
    await messageBox(page).waitFor();
    expect(room.clients().map((c) => c.name)).toEqual(['Maximilianus']);
  });
});
