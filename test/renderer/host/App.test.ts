// The host window in real Chromium, driven by a real room: people join and leave, messages go both
// ways, kicks, the join card, languages, and text that must stay text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../common/protocol.js';
import { joinRich, rawClient } from '../../../scripts/lib/room-clients.js';
import { OVERRIDE_BEFORE, OVERRIDE_INSIDE, readLink } from '../../support/bidi.js';
import { useHostWindow } from '../../support/host-window.js';
import { brokenLabels } from '../../support/layout.js';
import { join as joinPeer, PEER_DIR, people as peerPeople } from '../../support/peer-pages.js';

const { start, browser } = useHostWindow();

describe('host window', () => {
  it('lists people as they join and leave, with system lines in the history', async () => {
    const { page, wsUrl } = await start();
    const people = page.getByRole('list', { name: 'People' });
    await expect.poll(() => people.getByRole('listitem').count()).toBe(1); // just the host

    const alice = await joinRich(wsUrl, 'Alice');
    const raw = await rawClient(wsUrl);
    await people.getByText('Alice', { exact: true }).waitFor();
    await expect.poll(() => people.getByRole('listitem').count()).toBe(3);
    await people.getByText('Browser').waitFor();
    await people.getByText('Raw client').waitFor();
    await page.getByRole('status', { name: 'Room status' }).getByText('People in the room: 3').waitFor();
    const log = page.getByRole('log');
    await log.getByText('\u2068Alice\u2069 joined').waitFor();

    alice.ws.close();
    await log.getByText('\u2068Alice\u2069 left').waitFor();
    await expect.poll(() => people.getByText('Alice', { exact: true }).count()).toBe(0);
    raw.ws.close();
    await page.getByText('People in the room: 1').waitFor();
  });

  it('shows what people say and sends what the host types', async () => {
    const { page, wsUrl } = await start();
    const alice = await joinRich(wsUrl, 'Alice');
    const raw = await rawClient(wsUrl);

    alice.say('hello from Alice');
    const item = page.getByRole('log').getByRole('article').filter({ hasText: 'hello from Alice' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Alice');

    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('hi everyone');
    await box.press('Shift+Enter');
    await box.pressSequentially('second line');
    await box.press('Enter');
    const got = await alice.next((m) => m.type === 'chat' && m.text === 'hi everyone\nsecond line');
    expect(got.type === 'chat' && got.from.kind).toBe('host');
    // Raw readers get further lines indented (raw-line.ts).
    await raw.nextText((text) => text.endsWith('hi everyone\n    second line'));
    await expect.poll(() => box.inputValue()).toBe('');
    // The host's own message is drawn as theirs.
    await page.locator('.message.own').filter({ hasText: 'second line' }).waitFor();
  });

  it('removes a person only after the host confirms', async () => {
    const { page, wsUrl } = await start();
    const alice = await joinRich(wsUrl, 'Alice');
    const remove = async () => {
      await page.getByRole('button', { name: 'Actions for Alice' }).click();
      await page.getByRole('button', { name: 'Remove from the room…' }).click();
    };

    await remove();
    const dialog = page.getByRole('dialog', { name: 'Remove Alice?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(alice.ws.readyState).toBe(alice.ws.OPEN);

    await remove();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    expect((await alice.closed).code).toBe(CloseCode.kicked);
    await page.getByRole('log').getByText('\u2068Alice\u2069 was removed by the host').waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'People' }).getByText('Alice', { exact: true }).count()).toBe(0);
  });

  it('shows every join address with its QR code, and a full-screen view that Esc closes', async () => {
    const { page, room } = await start();
    const url = room.joinUrls()[0]!.url;
    const list = page.getByRole('list', { name: 'Join addresses' });
    await list.getByText(url, { exact: true }).waitFor();
    await page.getByRole('button', { name: `Copy ${url}` }).waitFor();
    const qr = page.getByRole('img', { name: `QR code for ${url}` });
    expect(await qr.evaluate((svg) => svg.tagName)).toBe('svg');
    expect((await qr.locator('path').getAttribute('d'))!.length).toBeGreaterThan(200);

    await page.getByRole('button', { name: 'Show to the room' }).click();
    const big = page.getByRole('dialog', { name: 'Join address, full screen' });
    await big.getByText(url, { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await big.waitFor({ state: 'detached' });

    // A PIN goes into the address (and so into the QR code).
    room.updateSettings({ pin: '4321' });
    await list.getByText(`${url}?pin=4321`, { exact: true }).waitFor();
  });

  it('copies a join address to the clipboard', async () => {
    const { page, room, context } = await start();
    const url = room.joinUrls()[0]!.url;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.getByRole('button', { name: `Copy ${url}` }).click();
    await page.getByText('Copied').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  });

  it('says when the port is taken and offers the next one', async () => {
    const { page, room } = await start();
    const port = room.status().port;
    // What the app's room host reports when another program holds the port.
    room.emit('status', { ...room.status(), running: false, error: { code: 'port-in-use', message: `Port ${port} is in use` } });
    const banner = page.getByRole('alert');
    await banner.getByText(`Port ${port} is already used by another program, so nobody can join.`).waitFor();
    await page.getByRole('status', { name: 'Room status' }).getByText('Room is stopped').waitFor();

    const settings = new Promise((resolve) => room.once('settings', resolve));
    await banner.getByRole('button', { name: `Use port ${port + 1}` }).click();
    expect(await settings).toMatchObject({ port: port + 1 });
  });

  it('counts messages from others in the title while the window is in the background', async () => {
    const { page, wsUrl, room } = await start();
    const alice = await joinRich(wsUrl, 'Alice');
    expect(await page.title()).toBe('LAN Chat');
    // Headless pages always count as focused; the window's own events say it went to the background.
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    alice.say('one');
    alice.say('two');
    room.send('the host is not news to the host');
    alice.say('three');
    await page.getByRole('log').getByText('three', { exact: true }).waitFor();
    await expect.poll(() => page.title()).toBe('(3) LAN Chat');

    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => page.title()).toBe('LAN Chat');
    alice.say('seen at once');
    await page.getByRole('log').getByText('seen at once').waitFor();
    expect(await page.title()).toBe('LAN Chat');
  });

  it('speaks Chinese for a Chinese system and switches with the language setting', async () => {
    const { page, room, wsUrl } = await start({ locale: 'zh-CN' });
    await page.getByRole('textbox', { name: '消息' }).waitFor();
    await page.getByRole('button', { name: '发送' }).waitFor();
    await page.getByRole('list', { name: '成员' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // The name the room gives an lws-minimal client ("Guest 1") is said in the window's language.
    const raw = await rawClient(wsUrl);
    const guest = page.getByRole('list', { name: '成员' }).getByRole('listitem').filter({ hasText: '访客 1' });
    await guest.waitFor();
    await guest.getByRole('button', { name: '对 访客 1 的操作', exact: true }).waitFor();

    room.updateSettings({ language: 'en' });
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Guest 1' }).waitFor();
    raw.ws.close();
  });

  it('shows markup from a peer as text', async () => {
    const { page, wsUrl } = await start();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const mallory = await joinRich(wsUrl, '<b>Mallory</b>');
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    mallory.say(payload);
    const log = page.getByRole('log');
    await log.getByText(payload, { exact: true }).waitFor();
    await log.getByText('<b>Mallory</b>', { exact: true }).first().waitFor();
    expect(await log.locator('img, script, b').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('shows links isolated and reading where they go, so what the system browser opens is what the host read (issue 10, finding 7)', async () => {
    const { page, wsUrl } = await start();
    const mallory = await joinRich(wsUrl, 'Mallory');
    mallory.say(OVERRIDE_BEFORE);
    mallory.say(OVERRIDE_INSIDE);
    const links = page.getByRole('log').locator('a');
    await expect.poll(() => links.count()).toBe(2);
    expect(await readLink(links.nth(0))).toMatchObject({
      text: 'http://evil.example/#nigol/moc.knab//:sptth',
      isolated: true,
      leftToRight: true,
    });
    const inside = await readLink(links.nth(1));
    expect(inside).toMatchObject({ text: inside.href, title: inside.href, isolated: true, leftToRight: true });
  });

  it('does not send on the Enter that confirms an input-method candidate', async () => {
    const { page, room } = await start();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('ni hao');
    // What Chromium dispatches while a pinyin IME is composing: Enter picks the candidate.
    await box.evaluate((el) => {
      el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, isComposing: true }));
      el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '你好' }));
    });
    await box.fill('你好');
    await box.press('Enter');
    await expect.poll(() => room.history().map((m) => m.text)).toEqual(['你好']);
  });

  it('stops following when the host scrolls up and offers the new messages', async () => {
    const { page, wsUrl, room } = await start();
    const alice = await joinRich(wsUrl, 'Alice');
    for (let i = 1; i <= 60; i++) room.send(`filler ${i}`);
    const log = page.getByRole('log');
    await log.getByText('filler 60', { exact: true }).waitFor();

    await log.hover();
    await page.mouse.wheel(0, -2000);
    await log.getByText('filler 60', { exact: true }).waitFor({ state: 'hidden' });
    for (let i = 1; i <= 3; i++) alice.say(`news ${i}`);
    const marker = page.getByRole('button', { name: '3 new messages, jump to the newest' });
    await marker.waitFor();
    expect(await log.getByText('news 3').isVisible()).toBe(false);

    await marker.click();
    await log.getByText('news 3').waitFor();
    await marker.waitFor({ state: 'detached' });
  });

  it("saves this computer's choices: keep running in the tray (on by default), start at login (off by default)", async () => {
    const { page, room } = await start();
    await page.getByRole('button', { name: 'Settings' }).click();
    const panel = page.getByRole('dialog', { name: 'Settings' });
    const group = panel.getByRole('group', { name: 'On this computer' });
    const keepRunning = group.getByRole('checkbox', { name: /Keep the room running when the window is closed/ });
    const atLogin = group.getByRole('checkbox', { name: 'Start LAN Chat when I log in' });
    expect(await keepRunning.isChecked()).toBe(true);
    expect(await atLogin.isChecked()).toBe(false);
    await keepRunning.uncheck();
    await atLogin.check();
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(room.settings()).toMatchObject({ keepRunningInTray: false, openAtLogin: true });
  });

  it('saves settings, exports and clears the history from the settings panel', async () => {
    const { page, room, exportDir } = await start();
    room.send('keep me in the export');
    await page.getByRole('button', { name: 'Settings' }).click();
    const panel = page.getByRole('dialog', { name: 'Settings' });
    await panel.getByRole('textbox', { name: 'Room name' }).fill('Book club');
    await panel.getByRole('checkbox', { name: 'Require a PIN to join' }).check();
    await panel.getByRole('textbox', { name: 'PIN' }).fill('2468');
    await panel.getByRole('combobox', { name: 'Theme' }).selectOption('dark');

    await panel.getByRole('button', { name: 'Export as JSON' }).click();
    await page.getByText(`Saved to ${exportDir}/history.json`).waitFor();
    expect(readFileSync(join(exportDir, 'history.json'), 'utf8')).toContain('keep me in the export');

    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(room.settings()).toMatchObject({ roomName: 'Book club', pin: '2468', theme: 'dark' });
    await page.getByRole('heading', { name: 'Book club' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    await page.getByRole('button', { name: 'Settings' }).click();
    await panel.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('dialog', { name: 'Clear the chat history?' }).getByRole('button', { name: 'Clear history' }).click();
    await page.getByRole('log').getByText('History cleared').waitFor();
    expect(room.history()).toEqual([]);
    expect(await page.getByRole('log').getByText('keep me in the export').count()).toBe(0);
  });
});

describe('the send box', () => {
  it('counts characters near the limit, not bytes, and says when a message is too long', async () => {
    const { page } = await start({ room: { limits: { maxMessageBytes: 100 } } });
    const box = page.getByRole('textbox', { name: 'Message' });
    const counter = page.locator('.composer .counter');
    await box.fill('x'.repeat(50));
    expect(await counter.count()).toBe(0);
    await box.fill('好'.repeat(31));
    await expect.poll(() => counter.allTextContents()).toEqual(['2 characters left']);
    await box.fill('好'.repeat(35));
    await expect.poll(() => counter.allTextContents()).toEqual(['Too long to send', '2 characters too many']);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
  });
});

describe('counting people', () => {
  it('counts the host as a person, the same in the status, the People list and the pages', async () => {
    const { page, httpUrl, wsUrl } = await start({ room: { peerAssetsDir: PEER_DIR } });
    const context = await browser().newContext({ locale: 'en-US' });
    try {
      const guest = await context.newPage();
      await guest.goto(`${httpUrl}?lang=en`);
      await joinPeer(guest, 'Alice');
      const raw = await rawClient(wsUrl);
      await page.getByRole('status', { name: 'Room status' }).getByText('People in the room: 3').waitFor();
      const hostList = page.getByRole('list', { name: 'People' }).getByRole('listitem');
      await expect.poll(() => hostList.count()).toBe(3);
      expect(await page.locator('#people-title .count').textContent()).toBe('3');
      await expect.poll(() => peerPeople(guest).count()).toBe(3);
      expect(await guest.locator('.people h2 .count').textContent()).toBe('3');
      raw.ws.close();
    } finally {
      await context.close();
    }
  });

  it('marks a guest whose connection is lost as away, still in the room', async () => {
    const { page, wsUrl } = await start({ room: { limits: { resumeGraceMs: 200, awayMs: 60_000 } } });
    const alice = await joinRich(wsUrl, 'Alice');
    const entry = page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Alice' });
    await entry.waitFor();
    alice.ws.terminate();
    await entry.getByText('Away', { exact: true }).waitFor();
    await page.getByRole('status', { name: 'Room status' }).getByText('People in the room: 2').waitFor();
  });
});

describe('window sizes', () => {
  /**
   * What overlaps or overflows: the page scrolling sideways, a button's label broken over lines (a text
   * laid out on more than one line), and (unless the side panel is open over it) the message box covered.
   */
  async function problems(page: Page, { panelOpen = false } = {}) {
    return page
      .evaluate((panelOpen) => {
        const found: string[] = [];
        if (document.documentElement.scrollWidth > window.innerWidth) found.push(`page ${document.documentElement.scrollWidth} wide`);
        const box = document.querySelector<HTMLElement>('textarea')!.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (!panelOpen && top?.tagName !== 'TEXTAREA') found.push(`message box covered by ${top?.className}`);
        return found;
      }, panelOpen)
      .then(async (found) => [...found, ...(await brokenLabels(page))]);
  }

  it.each([
    [600, 'en-US'],
    [760, 'zh-CN'],
    [600, 'zh-CN'],
  ])('at %i px (%s) the chat has the width, the side panel opens over it and Esc closes it', async (width, locale) => {
    const { page, wsUrl } = await start({ viewport: { width, height: 700 }, locale });
    const alice = await joinRich(wsUrl, 'Alice');
    const zh = locale === 'zh-CN';
    await page
      .getByRole('log')
      .getByText(zh ? /Alice\W* 加入了聊天/ : /Alice\W* joined/)
      .waitFor();
    expect(await problems(page)).toEqual([]);
    // The join card and the people are behind the toggle, not squeezed beside the chat.
    const qr = page.getByRole('img', { name: zh ? /二维码/ : /QR code/ }).first();
    expect(await qr.isVisible()).toBe(false);
    const toggle = page.getByRole('button', { name: zh ? '加入、成员与管理' : 'Join, people and controls' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await qr.waitFor();
    await page
      .getByRole('list', { name: zh ? '成员' : 'People' })
      .getByText('Alice')
      .waitFor();
    expect(await problems(page, { panelOpen: true })).toEqual([]);
    await page.keyboard.press('Escape');
    await qr.waitFor({ state: 'hidden' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await problems(page)).toEqual([]);
    alice.ws.close();
  });

  it('at 1280 px shows the join card, the people and the chat side by side, nothing behind a toggle', async () => {
    const { page } = await start({ viewport: { width: 1280, height: 800 } });
    await page.getByRole('img', { name: /QR/ }).first().waitFor();
    await page.getByRole('list', { name: 'People' }).waitFor();
    expect(await page.getByRole('button', { name: 'Join, people and controls' }).isVisible()).toBe(false);
    expect(await problems(page)).toEqual([]);
    const [side, chat] = await Promise.all([page.locator('.sidebar').boundingBox(), page.locator('.layout > .chat').boundingBox()]);
    expect(side!.x + side!.width).toBeLessThanOrEqual(chat!.x);
  });
});
