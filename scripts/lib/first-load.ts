// A guest's first visit to the peer page in Chromium, as numbers: the bytes that crossed the network
// (headers included, as the browser counts them) and when the name box became usable, optionally over
// an emulated network. Used by the test that keeps the first load small and by `npm run bench`.
import type { Browser } from 'playwright-core';

/** Network conditions as Chromium's DevTools protocol takes them (bytes per second, milliseconds). */
export interface NetworkProfile {
  name: string;
  latency: number;
  downloadThroughput: number;
  uploadThroughput: number;
}

/** A phone on ordinary home Wi-Fi: 10 Mbit/s each way, 40 ms round trip. */
export const SLOW_WIFI: NetworkProfile = {
  name: 'slow Wi-Fi (10 Mbit/s, 40 ms RTT)',
  latency: 40,
  downloadThroughput: 10_000_000 / 8,
  uploadThroughput: 10_000_000 / 8,
};

export interface FirstLoad {
  /** Every HTTP response of the load: path, bytes on the wire, `Content-Encoding`. */
  responses: { path: string; wireBytes: number; encoding: string }[];
  wireBytes: number;
  /** From navigation start to the first frame showing the enabled name box. */
  usableMs: number;
}

/** The accessible name of the join screen's name box. */
const NAME_BOX = 'Your name';

/**
 * Opens `url` in a fresh context (empty cache, English) and waits until the name box is usable.
 * The page's WebSocket is not counted: it is the chat, not the page.
 */
export async function measureFirstLoad(browser: Browser, url: string, network?: NetworkProfile): Promise<FirstLoad> {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (network !== undefined) {
      const { latency, downloadThroughput, uploadThroughput } = network;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput, uploadThroughput });
    }
    const responses = new Map<string, FirstLoad['responses'][number]>();
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const encoding = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1] ?? '';
      responses.set(requestId, { path: new URL(response.url).pathname, wireBytes: 0, encoding: String(encoding) });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const response = responses.get(requestId);
      if (response !== undefined) response.wireBytes = encodedDataLength;
    });
    await page.addInitScript(markUsable, NAME_BOX);
    await page.goto(url);
    await page.getByRole('textbox', { name: NAME_BOX, exact: true }).waitFor();
    const usableMs = await page.evaluate(() => (window as unknown as { __usable: Promise<number> }).__usable);
    const list = [...responses.values()].filter((response) => response.wireBytes > 0);
    return { responses: list, wireBytes: list.reduce((sum, response) => sum + response.wireBytes, 0), usableMs };
  } finally {
    await context.close();
  }
}

/** Runs in the page before its scripts: `__usable` resolves with the time of the first frame showing the box. */
function markUsable(label: string): void {
  const usable = () =>
    [...document.querySelectorAll('input')].some(
      (input) =>
        !input.disabled &&
        (input.getAttribute('aria-label') === label || [...(input.labels ?? [])].some((l) => l.textContent?.trim() === label)),
    );
  (window as unknown as { __usable: Promise<number> }).__usable = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!usable()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  });
}
