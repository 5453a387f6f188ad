// Sharing files from the host window (React UI in Chromium, `window.lanChat` from the host harness over
// a real room): the picker, a pasted screenshot, a drop, the caption; pictures and cards in the history
// from guests; saving a file and showing it in its folder; the raw clients' lines.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../../common/protocol.js';
import { joinRich, rawClient } from '../../../../scripts/lib/room-clients.js';
import { drawnPng, http, PNG_1X1, sha256, upload, WEBP_1X1 } from '../../../support/files.js';
import { useHostWindow } from '../../../support/host-window.js';

const { start } = useHostWindow();

const isFileChat = (m: ServerMessage) => m.type === 'chat' && m.files !== undefined;

describe('sharing from the host window', () => {
  it('shares picked files with the typed caption; guests and raw clients get them, bytes intact', async () => {
    const { page, wsUrl } = await start();
    const guest = await joinRich(wsUrl, 'Guest');
    const raw = await rawClient(wsUrl);
    const picture = await drawnPng(page, 800, 600);
    const notes = randomBytes(4000);
    await page.getByRole('textbox', { name: 'Message' }).fill('from the host');
    await page.getByLabel('Attach files', { exact: true }).setInputFiles([
      { name: 'plan.png', mimeType: 'image/png', buffer: picture },
      { name: 'notes.bin', mimeType: 'application/octet-stream', buffer: notes },
    ]);
    const message = await guest.next(isFileChat);
    if (message.type !== 'chat') throw new Error('unreachable');
    expect(message.text).toBe('from the host');
    expect(message.from.kind).toBe('host');
    expect(message.files!.map((f) => [f.name, f.size, f.sha256])).toEqual([
      ['plan.png', picture.length, sha256(picture)],
      ['notes.bin', 4000, sha256(notes)],
    ]);
    // The window made the preview, as a page does.
    expect(message.files![0]!.image).toEqual({ width: 800, height: 600 });
    const link = await raw.nextText((line) => line.includes('notes.bin'));
    const url = link.split(' ').at(-1)!;
    expect(sha256((await http(url, 'GET', url)).body)).toBe(sha256(notes));
    await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('');
    // The history shows the picture as its preview and the other file as a card.
    const log = page.getByRole('log');
    await log.getByRole('img', { name: 'plan.png' }).waitFor();
    await log.getByRole('link', { name: 'notes.bin' }).waitFor();
  });

  it('shares a pasted screenshot and a dropped file', async () => {
    const { page, wsUrl } = await start();
    const guest = await joinRich(wsUrl, 'Guest');
    await page.evaluate((base64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'screenshot.png', { type: 'image/png' }));
      document
        .querySelector('textarea')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PNG_1X1.toString('base64'));
    await guest.next((m) => isFileChat(m) && m.type === 'chat' && m.files![0]!.name === 'screenshot.png');
    const dropped = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped text'], 'dropped.txt', { type: 'text/plain' }));
      return data;
    });
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: dropped });
    await page.getByText('Drop files here to share them').waitFor();
    await page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
    await guest.next((m) => isFileChat(m) && m.type === 'chat' && m.files![0]!.name === 'dropped.txt');
  });

  it("shows guests' pictures as previews and saves a file through the bridge instead of opening it", async () => {
    const { page, wsUrl, httpUrl, room, shownFiles } = await start();
    const guest = await joinRich(wsUrl, 'Guest');
    const picture = await upload(httpUrl, guest.welcome.session, PNG_1X1, 'dot.png', 'image/png', { bytes: WEBP_1X1, width: 1, height: 1 });
    const report = await upload(httpUrl, guest.welcome.session, Buffer.from('quarterly numbers'), '报告.txt', 'text/plain');
    guest.ws.send(JSON.stringify({ type: 'chat', text: 'two files', files: [picture, report] }));
    const log = page.getByRole('log');
    const image = log.getByRole('img', { name: 'dot.png' });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await log.getByRole('link', { name: '报告.txt' }).click();
    await page.getByText(/^Saved to /).waitFor();
    const saved = (await page.getByText(/^Saved to /).textContent())!.replace('Saved to ', '');
    expect(readFileSync(saved, 'utf8')).toBe('quarterly numbers');
    await log.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => shownFiles).toEqual([report]);
    // The picture opens full size in the window, from the window's own origin.
    await log.getByRole('link', { name: 'dot.png' }).click();
    await page.getByRole('dialog', { name: 'dot.png' }).getByRole('img').waitFor();
    expect(room.history().at(-1)!.files).toHaveLength(2);
  });
});
