// The peer page as a web app, against a real room serving the real build: a tab icon at /favicon.ico
// that Chromium decodes, and a manifest Chromium reads without errors, named after the room (renamed
// live), with plain and maskable icons that exist.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/lib/chromium.js';
import { assertPeerBuilt, startRoom, type RunningRoom } from '../../support/peer-pages.js';

let browser: Browser;
let running: RunningRoom;
beforeAll(async () => {
  assertPeerBuilt();
  [browser, running] = await Promise.all([launchChromium(), startRoom({ settings: { roomName: 'Design review · 4' } })]);
});
afterAll(async () => {
  await browser?.close();
  await running?.room.close();
});

/** What `Page.getAppManifest` answers: the manifest as served (`data`) and as Chromium understood it. */
interface AppManifest {
  url: string;
  errors: { message: string }[];
  data: string;
  manifest: { name?: string; icons?: { url: string; sizes: string }[] } | undefined;
}

describe('web app', () => {
  it('serves /favicon.ico as an icon with 16, 32 and 48 px images', async () => {
    const res = await fetch(`${running.url}favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const ico = Buffer.from(await res.arrayBuffer());
    expect(ico.readUInt16LE(2)).toBe(1);
    expect([0, 1, 2].map((i) => ico[6 + 16 * i])).toEqual([16, 32, 48]);
  });

  it('gives the page a tab icon and a manifest Chromium accepts, named after the room, with plain and maskable icons', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') violations.push(message.text());
      });
      await page.goto(running.url);
      await page.getByRole('textbox', { name: 'Your name', exact: true }).waitFor();
      // The tab icon: what the page links to decodes as an image.
      const icon = await page.evaluate(async () => {
        const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href;
        const bitmap = await createImageBitmap(await (await fetch(href)).blob());
        return { path: new URL(href).pathname, width: bitmap.width };
      });
      expect(icon.path).toBe('/favicon.ico');
      expect(icon.width).toBeGreaterThanOrEqual(16);

      const cdp = await context.newCDPSession(page);
      const read = async () => (await cdp.send('Page.getAppManifest', {})) as unknown as AppManifest;
      const { url, errors, data, manifest } = await read();
      expect(new URL(url).pathname).toBe('/manifest.webmanifest');
      expect(errors).toEqual([]);
      expect(manifest?.name).toBe('Design review · 4');
      const icons = manifest?.icons ?? [];
      expect(icons.map((i) => i.sizes)).toEqual(['192x192', '192x192', '512x512', '512x512']);
      const served = JSON.parse(data) as { icons: { src: string; purpose: string }[] };
      expect(served.icons.filter((i) => i.purpose === 'maskable').map((i) => i.src)).toEqual([
        '/icons/maskable-192.png',
        '/icons/maskable-512.png',
      ]);
      for (const { url: iconUrl } of icons) {
        const res = await fetch(iconUrl);
        expect([iconUrl, res.status, res.headers.get('content-type')]).toEqual([iconUrl, 200, 'image/png']);
      }
      // Add to home screen: Chromium finds nothing missing (a test browser's private mode aside).
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
      expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
      // Nothing was blocked by the page's CSP on the way.
      expect(violations).toEqual([]);

      running.room.updateSettings({ roomName: 'Standup' });
      await page.reload();
      expect((await read()).manifest?.name).toBe('Standup');
    } finally {
      await context.close();
    }
  });
});
