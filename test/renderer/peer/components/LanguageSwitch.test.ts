// The language switch in real Chromium: Chinese and back, remembered on the device, and `?lang=`.
import { describe, expect, it } from 'vitest';
import { messageBox, usePeerPages } from '../../../support/peer-pages.js';

const pages = usePeerPages();

describe('language switch', () => {
  it('switches to Chinese and back, remembers the choice over the browser language, and ?lang= wins over both', async () => {
    const running = await pages.startRoom();
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
