// Sharing files from the peer page in real Chromium against a real room: the "Attach files" input,
// paste (a ClipboardEvent carrying a DataTransfer), drop (a synthetic drop event), the caption, the
// previews and file cards other people see, downloads byte for byte, progress and cancel, failures in
// words, a resumed upload over a network that drops, and a long conversation of photos that loads
// previews only.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FileRef } from '../../../../common/model.js';
import { drawnPng, http, sha256, upload } from '../../../support/files.js';
import { log, messageBox, usePeerPages } from '../../../support/peer-pages.js';
import { richClient, stopAll } from '../../../support/room-fixture.js';
import { startProxy } from '../../../support/tcp-proxy.js';

const pages = usePeerPages();

const attachInput = (page: Page) => page.getByLabel('Attach files', { exact: true });
const fileLink = (page: Page, name: string) => log(page).getByRole('link', { name });

async function twoPeople() {
  const running = await pages.startRoom();
  const url = `${running.url}?lang=en`;
  const alice = await pages.joinAs(url, 'Alice');
  const bob = await pages.joinAs(url, 'Bob');
  return { ...running, alice, bob };
}

describe('sharing from the page', () => {
  it('sends picked files as one message: a preview for the picture, a card for the rest, exact bytes behind each link', async () => {
    const { alice, bob, url: base } = await twoPeople();
    const picture = await drawnPng(alice.page, 1600, 1200);
    const report = randomBytes(50_000);
    await messageBox(alice.page).fill('holiday pictures');
    await attachInput(alice.page).setInputFiles([
      { name: 'beach.png', mimeType: 'image/png', buffer: picture },
      { name: '报告.pdf', mimeType: 'application/pdf', buffer: report },
    ]);
    // Bob sees one message: the caption, the picture as a small preview, the PDF as a card.
    const item = log(bob.page).getByRole('listitem').filter({ hasText: 'holiday pictures' });
    await item.getByRole('img', { name: 'beach.png' }).waitFor();
    expect(await messageBox(alice.page).inputValue()).toBe('');
    const image = item.getByRole('img', { name: 'beach.png' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    // The preview, not the original: smaller than 640 px on its longest side and a few KB.
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeLessThanOrEqual(640);
    const previewSrc = await image.evaluate((img: HTMLImageElement) => img.src);
    expect((await http(previewSrc, 'GET', previewSrc)).body.length).toBeLessThan(picture.length);
    // Each link's href downloads exactly the bytes sent.
    for (const [name, bytes] of [
      ['beach.png', picture],
      ['报告.pdf', report],
    ] as const) {
      const href = await item
        .getByRole('link', { name })
        .first()
        .evaluate((a: HTMLAnchorElement) => a.href);
      expect(href.startsWith(base)).toBe(true);
      expect(sha256((await http(href, 'GET', href)).body), name).toBe(sha256(bytes));
    }
    expect(await item.textContent()).toContain('49 KB');
    // Tapping the picture shows it full size, with a download button; Escape goes back.
    await item.getByRole('link', { name: 'beach.png' }).click();
    const viewer = bob.page.getByRole('dialog', { name: 'beach.png' });
    await viewer.getByRole('img', { name: 'beach.png' }).waitFor();
    expect(await viewer.getByRole('link', { name: 'Download beach.png' }).getAttribute('href')).toMatch(/\?download$/);
    await bob.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('shares a screenshot pasted into the message box', async () => {
    const { alice, bob } = await twoPeople();
    const picture = await drawnPng(alice.page, 300, 200);
    await messageBox(alice.page).fill('look at this');
    await alice.page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      const box = document.querySelector('textarea')!;
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, picture.toString('base64'));
    const item = log(bob.page).getByRole('listitem').filter({ hasText: 'look at this' });
    await item.getByRole('img', { name: 'image.png' }).waitFor();
  });

  it('shows a drop zone while files are dragged over the page and shares what is dropped', async () => {
    const { alice, bob } = await twoPeople();
    const dropped = await alice.page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['first file'], 'one.txt', { type: 'text/plain' }));
      data.items.add(new File(['second file'], 'two.txt', { type: 'text/plain' }));
      return data;
    });
    await alice.page.dispatchEvent('main', 'dragenter', { dataTransfer: dropped });
    await alice.page.getByText('Drop files here to share them').waitFor();
    await alice.page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
    await alice.page.getByText('Drop files here to share them').waitFor({ state: 'detached' });
    await fileLink(bob.page, 'one.txt').waitFor();
    // Both files are one message.
    const item = log(bob.page)
      .getByRole('listitem')
      .filter({ has: bob.page.getByRole('link', { name: 'one.txt' }) });
    expect(await item.getByRole('link', { name: 'two.txt' }).count()).toBe(1);
  });

  it('shows progress (percent, size, speed) and can cancel; the room keeps nothing of it', async () => {
    const { alice, bob, room } = await twoPeople();
    const cdp = await alice.page.context().newCDPSession(alice.page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    await attachInput(alice.page).setInputFiles([
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: randomBytes(8 * 1024 * 1024) },
    ]);
    const tray = alice.page.getByRole('list', { name: 'Uploads' });
    await expect
      .poll(() => tray.locator('.upload-state').textContent(), { timeout: 10_000 })
      .toMatch(/^\d+% · [\d.]+ (KB|MB) of 8 MB · [\d.]+ (B|KB|MB)\/s$/);
    await alice.page.getByRole('button', { name: 'Cancel uploading big.bin' }).click();
    await tray.waitFor({ state: 'detached' });
    await messageBox(alice.page).fill('after the cancel');
    await messageBox(alice.page).press('Enter');
    await log(bob.page).getByText('after the cancel').waitFor();
    expect(await fileLink(bob.page, 'big.bin').count()).toBe(0);
    expect(room.history().some((m) => m.files !== undefined)).toBe(false);
  });

  it('says in words why a file was refused', async () => {
    const running = await pages.startRoom({ settings: { maxFileBytes: 1000, fileStorageBytes: 1500 } });
    const alice = await pages.joinAs(`${running.url}?lang=en`, 'Alice');
    await messageBox(alice.page).fill('my caption');
    await attachInput(alice.page).setInputFiles([{ name: 'too-big.bin', mimeType: 'application/octet-stream', buffer: randomBytes(2000) }]);
    await alice.page
      .getByRole('alert')
      .filter({ hasText: 'too-big.bin was not sent: it is larger than the 1000 B the room takes.' })
      .waitFor();
    // Nothing went, so the caption is back in the box.
    await expect.poll(() => messageBox(alice.page).inputValue()).toBe('my caption');
    await messageBox(alice.page).fill('');
    await attachInput(alice.page).setInputFiles([{ name: 'a.bin', mimeType: 'application/octet-stream', buffer: randomBytes(900) }]);
    await log(alice.page).getByRole('link', { name: 'a.bin' }).waitFor();
    await attachInput(alice.page).setInputFiles([{ name: 'b.bin', mimeType: 'application/octet-stream', buffer: randomBytes(900) }]);
    await alice.page.getByRole('alert').filter({ hasText: 'b.bin was not sent: the room’s storage for files is full.' }).waitFor();
    for (let i = 0; i < 2; i++) await alice.page.getByRole('button', { name: 'Dismiss' }).first().click();
    expect(await alice.page.getByRole('alert').count()).toBe(0);
  });

  it('resumes an upload after the connection drops, from where the room stopped', async () => {
    const running = await pages.startRoom();
    const proxy = await startProxy(running.port);
    try {
      const alice = await pages.joinAs(`http://127.0.0.1:${proxy.port}/?lang=en`, 'Alice');
      const cdp = await alice.page.context().newCDPSession(alice.page);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 1024 * 1024,
      });
      const bytes = randomBytes(4 * 1024 * 1024);
      const offsets: number[] = [];
      alice.page.on('request', (request) => {
        if (request.method() === 'PUT' && /\/files\/uploads\/[^/]+$/.test(request.url()))
          offsets.push(Number(request.headers()['upload-offset']));
      });
      await attachInput(alice.page).setInputFiles([{ name: 'video.mp4', mimeType: 'video/mp4', buffer: bytes }]);
      const tray = alice.page.getByRole('list', { name: 'Uploads' });
      // A good part is across (upload progress counts what left the browser) before the network drops.
      const state = tray.locator('.upload-state');
      const percent = async () => Number(/^(\d+)% · /.exec((await state.textContent()) ?? '')?.[1] ?? 0);
      await expect.poll(percent, { timeout: 10_000 }).toBeGreaterThanOrEqual(25);
      proxy.setUp(false);
      await tray.getByText(/Connection lost/).waitFor();
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      proxy.setUp(true);
      const link = fileLink(alice.page, 'video.mp4');
      await link.waitFor({ timeout: 20_000 });
      const file = running.room.history().at(-1)!.files![0] as FileRef;
      expect(file.sha256).toBe(sha256(bytes));
      // The second attempt started where the room had got to, not at 0.
      expect(offsets[0]).toBe(0);
      expect(offsets.at(-1)).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });
});

describe('a long conversation of photos', () => {
  it('loads previews of what is shown, never the originals', async () => {
    const running = await pages.startRoom();
    const { client, welcome } = await richClient(running.url.replace('http', 'ws'), { name: 'Photographer' });
    const base = running.url;
    const helper = await pages.openPeer(`${base}?lang=en`);
    const picture = await drawnPng(helper.page, 64, 48);
    const preview = await drawnPng(helper.page, 32, 24);
    for (let i = 0; i < 200; i++) {
      const id = await upload(base, welcome.session, picture, `photo-${i}.png`, 'image/png', { bytes: preview, width: 64, height: 48 });
      client.json({ type: 'chat', text: '', files: [id] });
    }
    await expect.poll(() => running.room.history().length).toBe(200);
    const reader = await pages.openPeer(`${base}?lang=en`);
    const originals: string[] = [];
    const previews: string[] = [];
    reader.page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/files/previews/')) previews.push(path);
      else if (path.startsWith('/files/')) originals.push(path);
    });
    await reader.page.getByRole('textbox', { name: 'Your name', exact: true }).fill('Reader');
    await reader.page.getByRole('button', { name: 'Join', exact: true }).click();
    await log(reader.page).getByRole('img', { name: 'photo-199.png' }).waitFor();
    await expect
      .poll(() => reader.page.evaluate(() => (document.querySelector('img[alt="photo-199.png"]') as HTMLImageElement).complete))
      .toBe(true);
    expect(originals).toEqual([]);
    expect(previews.length).toBeGreaterThan(0);
    expect(previews.length).toBeLessThan(100);
    client.ws.close();
    await stopAll();
  });
});
