// The join card in real Chromium through the host harness, with a real room and real guests: each
// address marked once someone has joined through it, help when nobody arrives for two minutes (steps
// for the host's OS, in both languages), the full-screen view's address to type, and the Wi-Fi step
// whose QR code holds exactly the standard WIFI: text.
import { describe, expect, it } from 'vitest';
import { wifiQrText } from '../../../../common/wifi.js';
import { qrPath } from '../../../../renderer/host/components/QrCode.js';
import { expectNoAxeViolations } from '../../../support/axe.js';
import { useHostWindow } from '../../../support/host-window.js';
import { join, openPeer } from '../../../support/peer-pages.js';

const { start, browser } = useHostWindow();

describe('join card', () => {
  it('marks the address guests joined through with a check and a count', async () => {
    const { page, room, httpUrl } = await start();
    const row = page.getByRole('list', { name: 'Join addresses' }).getByRole('listitem').first();
    await row.getByText(room.joinUrls()[0]!.url).waitFor();
    expect(await row.getByText(/joined/).count()).toBe(0);

    // Two guests open the address on the card (127.0.0.1 here) in a browser and join.
    const guests = [await openPeer(browser(), httpUrl), await openPeer(browser(), httpUrl)];
    await join(guests[0]!.page, 'Amber');
    await row.getByRole('button', { name: /1 joined/ }).waitFor();
    await join(guests[1]!.page, 'Leo');
    await row.getByText('2 joined', { exact: true }).waitFor();
    for (const guest of guests) await guest.close();
  });

  it.each([
    ['win32', 'en-US', ['Windows Firewall', 'public network', 'client isolation', 'VPN']],
    ['darwin', 'zh-CN', ['macOS 防火墙', '客户端隔离', 'VPN']],
    ['linux', 'en-US', ['sudo ufw allow']],
  ] as const)(
    'offers troubleshooting for %s (%s) after two minutes with nobody arriving, and drops it when someone does',
    async (platform, locale, expected) => {
      const { page, httpUrl, room } = await start({ platform, locale });
      // The page's clock, from a reload on, so the two minutes can pass at once.
      await page.clock.install();
      await page.reload();
      await page.locator('.app').waitFor();
      const help = page.locator('details.join-help');
      await page.clock.runFor(60_000);
      expect(await help.count()).toBe(0);
      await page.clock.runFor(61_000);
      await help.waitFor();
      const text = await help.innerText();
      for (const phrase of expected) expect(text).toContain(phrase);
      if (platform === 'linux') expect(text).toContain(`port ${room.status().port}/tcp`);
      await expectNoAxeViolations(page, `troubleshooting, ${platform}, ${locale}`);

      const guest = await openPeer(browser(), httpUrl);
      await join(guest.page, 'Amber');
      await help.waitFor({ state: 'detached' });
      await guest.close();
    },
  );

  it('shows the address to type without ?pin= in full screen, and never wraps a query after its "?"', async () => {
    const long = 'http://[fd12:3456:789a:1:2:3:4:5]:7681/?pin=246813579';
    const { page, room } = await start({
      viewport: { width: 1280, height: 800 },
      displayUrls: [{ url: long, address: 'fd12:3456:789a:1:2:3:4:5', interface: 'Wi-Fi', virtual: false }],
    });
    room.updateSettings({ pin: '246813579' });
    const query = page.locator('.url-query');
    await query.waitFor();
    // However the address breaks, the query is one piece on one line.
    expect(await query.evaluate((element) => element.getClientRects().length)).toBe(1);
    expect(await query.textContent()).toBe('?pin=246813579');

    await page.getByRole('button', { name: 'Show to the room' }).click();
    const big = page.getByRole('dialog', { name: 'Join address, full screen' });
    await big.getByText('http://[fd12:3456:789a:1:2:3:4:5]:7681/', { exact: true }).waitFor();
    await big.getByText('PIN: 246813579').waitFor();
    expect(await big.getByText('?pin=').count()).toBe(0);
    // The QR code still carries the PIN.
    expect(
      await big
        .getByRole('img', { name: `QR code for ${long}` })
        .locator('path')
        .getAttribute('d'),
    ).toBe(qrPath(long).path);
  });

  it('adds a Wi-Fi step whose QR code joins the network, shows it in full screen too, and removes it', async () => {
    const { page, room } = await start();
    const url = room.joinUrls()[0]!.url;
    await page.getByRole('button', { name: 'Add a Wi-Fi step…' }).click();
    const form = page.getByRole('dialog', { name: 'Wi-Fi for visitors' });
    await form.getByRole('textbox', { name: 'Network name' }).fill('Home; "5G"');
    await form.getByRole('textbox', { name: 'Password' }).fill('short');
    await expectNoAxeViolations(page, 'Wi-Fi form');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').getByText('A WPA password has 8 to 63 characters').waitFor();
    await form.getByRole('textbox', { name: 'Password' }).fill('p:a,s\\s;word');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });

    const network = { ssid: 'Home; "5G"', password: 'p:a,s\\s;word', security: 'WPA' as const, hidden: false };
    const wifiQr = page.getByRole('img', { name: 'QR code to join the Wi-Fi network Home; "5G"' });
    expect(await wifiQr.locator('path').getAttribute('d')).toBe(qrPath(wifiQrText(network)).path);
    expect(wifiQrText(network)).toBe('WIFI:T:WPA;S:Home\\; \\"5G\\";P:p\\:a\\,s\\\\s\\;word;;');
    await page.getByText('Step 1: join the Wi-Fi').waitFor();
    await page.getByText('Step 2: open the chat').waitFor();
    await page.getByRole('img', { name: `QR code for ${url}` }).waitFor();
    await expectNoAxeViolations(page, 'join card with a Wi-Fi step');

    await page.getByRole('button', { name: 'Show to the room' }).click();
    const big = page.getByRole('dialog', { name: 'Join address, full screen' });
    await big.getByRole('img', { name: 'QR code to join the Wi-Fi network Home; "5G"' }).waitFor();
    await big.getByRole('img', { name: `QR code for ${url}` }).waitFor();
    await expectNoAxeViolations(page, 'full screen with a Wi-Fi step');
    await page.keyboard.press('Escape');

    // Kept by the app (the harness's stand-in for the encrypted store): a reload still has it.
    await page.reload();
    await wifiQr.waitFor();
    await page.getByRole('button', { name: 'Remove Wi-Fi step' }).click();
    await wifiQr.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Add a Wi-Fi step…' }).waitFor();
  });
});
