// @ts-check
// The files bench's pictures part (bench/files.mjs): 100 picture messages (a 3000x2250 JPEG with a
// 640x480 preview each, drawn by Chromium) into a joined peer page and into the host window (the host
// harness), with the long main-thread tasks of each page over the burst, and a burst of 100 text
// messages into the page as the control.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { runnerImport } from 'vite';
import { joinRich, roomUpload } from './files-http.mjs';

/**
 * The durations (ms) of the long tasks in the peer page during the text burst (`textLong`) and the
 * picture burst (`peerLong`), and in the host window during its picture burst (`hostLong`).
 * @param {{ port: number, guest: { ws: import('ws').WebSocket, session: string }, work: string, root: string }} where
 *   the host's port, a guest joined to it, a folder for the pictures, the repository
 * @returns {Promise<{ textLong: number[], peerLong: number[], hostLong: number[] }>}
 */
export async function longTasksWhilePicturesArrive({ port, guest, work, root }) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const peerPage = await browser.newPage();
  await peerPage.goto(`http://127.0.0.1:${port}/?lang=en`);
  await peerPage.getByRole('textbox', { name: 'Your name', exact: true }).fill('Watcher');
  await peerPage.getByRole('button', { name: 'Join', exact: true }).click();
  await peerPage.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  /**
   * A JPEG of `width` x `height` drawn by Chromium: the photo, and its preview as a page makes it.
   * @param {number} width @param {number} height
   */
  async function jpeg(width, height) {
    const base64 = await peerPage.evaluate(
      ([w, h]) => {
        const canvas = document.createElement('canvas');
        canvas.width = w ?? 1;
        canvas.height = h ?? 1;
        const context = canvas.getContext('2d');
        if (context) {
          const gradient = context.createLinearGradient(0, 0, canvas.width, canvas.height);
          gradient.addColorStop(0, '#0f766e');
          gradient.addColorStop(1, '#fde68a');
          context.fillStyle = gradient;
          context.fillRect(0, 0, canvas.width, canvas.height);
        }
        return canvas.toDataURL('image/jpeg', 0.8).split(',')[1] ?? '';
      },
      [width, height],
    );
    return Buffer.from(base64, 'base64');
  }
  const picture = await jpeg(3000, 2250);
  const picturePath = join(work, 'picture.jpg');
  writeFileSync(picturePath, picture);
  const previewPath = join(work, 'preview.jpg');
  writeFileSync(previewPath, await jpeg(640, 480));

  /**
   * Long tasks in `page` while `run` goes on.
   * @param {import('playwright-core').Page} page @param {() => Promise<void>} run
   */
  async function longTasksDuring(page, run) {
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__long = [];
      w.__frames = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__long.push(entry.duration);
      }).observe({ type: 'longtask' });
      // What the long frames spent their time on, for the log (Chromium's long-animation-frame entries).
      new PerformanceObserver((list) => {
        for (const entry of /** @type {any[]} */ (list.getEntries())) {
          w.__frames.push(
            `${Math.round(entry.duration)} ms: ${entry.scripts.map((/** @type {any} */ x) => `${x.invoker} ${Math.round(x.duration)}`).join(', ') || 'no script'}`,
          );
        }
      }).observe({ type: 'long-animation-frame' });
    });
    await run();
    await page.waitForTimeout(500);
    console.error(`files bench: long frames: ${(await page.evaluate(() => /** @type {any} */ (window).__frames)).join('; ') || 'none'}`);
    return /** @type {number[]} */ (await page.evaluate(() => /** @type {any} */ (window).__long));
  }

  // Each picture with a preview (the picture itself is small enough to be one), as a page sends them.
  /** @type {string[]} */
  const ids = [];
  for (let i = 0; i < 100; i++)
    ids.push((await roomUpload(port, guest.session, picturePath, picture.length, `photo-${i}.jpg`, 0, previewPath)).id);
  // A control: 100 text messages in a burst, the same way (what this machine's load alone costs).
  const textLong = await longTasksDuring(peerPage, async () => {
    for (let i = 0; i < 100; i++) guest.ws.send(JSON.stringify({ type: 'chat', text: `text ${i} of a burst` }));
    await peerPage.getByRole('log').getByText('text 99 of a burst').waitFor();
  });
  const peerLong = await longTasksDuring(peerPage, async () => {
    for (const id of ids) guest.ws.send(JSON.stringify({ type: 'chat', text: '', files: [id] }));
    await peerPage.getByRole('log').getByRole('img', { name: 'photo-99.jpg' }).waitFor();
  });

  const { startHostHarness } = (await runnerImport(join(root, 'scripts/lib/host-harness.ts'))).module;
  const { Room } = await import('../dist/electron/room/room.js');
  const harness = await startHostHarness({ browser, Room });
  const hostGuest = await joinRich(Number(new URL(harness.httpUrl).port), 'Bench');
  /** @type {string[]} */
  const hostIds = [];
  const harnessPort = Number(new URL(harness.httpUrl).port);
  for (let i = 0; i < 100; i++)
    hostIds.push((await roomUpload(harnessPort, hostGuest.session, picturePath, picture.length, `photo-${i}.jpg`, 0, previewPath)).id);
  const hostLong = await longTasksDuring(harness.page, async () => {
    for (const id of hostIds) hostGuest.ws.send(JSON.stringify({ type: 'chat', text: '', files: [id] }));
    await harness.page.getByRole('log').getByRole('img', { name: 'photo-99.jpg' }).waitFor();
  });
  await harness.close();
  await browser.close();
  hostGuest.ws.close();
  return { textLong, peerLong, hostLong };
}
