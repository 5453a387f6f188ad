// The composer under the host's rules, in real Chromium: muted (disabled with its attach button, says
// why and for how long, back on unmute), slow mode (the text stays, a countdown, the room gets one message per interval).
import { describe, expect, it } from 'vitest';
import { confirmedTexts, log, messageBox, say, usePeerPages } from '../../../support/peer-pages.js';

const pages = usePeerPages();
const idOf = (room: { clients(): { id: string; name: string }[] }, name: string) => room.clients().find((c) => c.name === name)!.id;

describe('muted', () => {
  it('disables the composer and says why and for how long; unmuting gives it back', async () => {
    const { room, url } = await pages.startRoom();
    const alice = await pages.joinAs(`${url}?lang=en`, 'Alice');
    const bob = await pages.joinAs(`${url}?lang=en`, 'Bob');
    const mute = room.mute(idOf(room, 'Alice'), 10)!;
    const rule = alice.page.locator('.composer-rule');
    await expect.poll(() => rule.textContent()).toBe('The host muted you for 10 minutes: you can read along, but not send.');
    expect(await messageBox(alice.page).isDisabled()).toBe(true);
    expect(await alice.page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    // Files are sending too: the attach button is off.
    expect(await alice.page.getByLabel('Attach files').isDisabled()).toBe(true);
    await log(bob.page).getByText('The host muted \u2068Alice\u2069 for 10 minutes').waitFor();

    // Still muted after a reload: the room says so in the welcome.
    await alice.page.reload();
    await expect.poll(() => rule.textContent()).toBe('The host muted you for 10 minutes: you can read along, but not send.');

    room.unmute(mute.id);
    await expect.poll(() => messageBox(alice.page).isDisabled()).toBe(false);
    expect(await alice.page.getByLabel('Attach files').isDisabled()).toBe(false);
    expect(await rule.count()).toBe(0);
    await say(alice.page, 'thanks');
    await expect.poll(() => confirmedTexts(bob.page)).toEqual(['thanks']);
  });

  it('speaks Chinese too', async () => {
    const { room, url } = await pages.startRoom();
    const mei = await pages.openPeer(`${url}?lang=zh-CN`, { locale: 'zh-CN' });
    await mei.page.getByRole('textbox', { name: '你的名字', exact: true }).fill('Mei');
    await mei.page.getByRole('button', { name: '加入', exact: true }).click();
    await mei.page.getByRole('textbox', { name: '消息', exact: true }).waitFor();
    room.mute(idOf(room, 'Mei'), null);
    await expect.poll(() => mei.page.locator('.composer-rule').textContent()).toBe('房主已将你禁言：你可以看消息，但不能发送。');
  });
});

describe('slow mode', () => {
  it('keeps the text and counts down after a message; the room gets one per interval', async () => {
    const { room, url } = await pages.startRoom();
    const alice = await pages.joinAs(`${url}?lang=en`, 'Alice');
    room.setSlowMode(30);
    await alice.page.locator('.room-flags').getByText('Slow mode: one message every 30 seconds.').waitFor();
    await log(alice.page).getByText('Slow mode: one message every 30 seconds per person').waitFor();

    await say(alice.page, 'first');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['first']);
    const box = messageBox(alice.page);
    await box.fill('second, too soon');
    await box.press('Enter');
    await expect
      .poll(() => alice.page.locator('.composer-rule').textContent())
      .toMatch(/^Slow mode: you can send again in (29|30) seconds\. Your text stays here\.$/);
    expect(await box.inputValue()).toBe('second, too soon');
    expect(room.history().map((m) => m.text)).toEqual(['first']);

    room.setSlowMode(0);
    await expect.poll(() => alice.page.locator('.composer-rule').count()).toBe(0);
    await box.press('Enter');
    await expect.poll(() => confirmedTexts(alice.page)).toEqual(['first', 'second, too soon']);
  });
});
