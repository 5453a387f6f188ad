// Shared setup for the peer page tests: a real Room on 127.0.0.1 port 0 serving the built page, and
// Chromium pages that join it the way a person does (by the page's accessible names).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Room, type RoomOptions } from '../../electron/room/room.js';
import { launchChromium } from '../../scripts/lib/chromium.js';

/** The built page (`npx vite build`). Passed explicitly: from source the room would find renderer/peer. */
export const PEER_DIR = fileURLToPath(new URL('../../dist/renderer/peer', import.meta.url));

export function assertPeerBuilt(): void {
  if (!existsSync(`${PEER_DIR}/index.html`)) throw new Error(`${PEER_DIR}/index.html missing: run \`npx vite build\` first`);
}

export interface RunningRoom {
  room: Room;
  port: number;
  url: string;
}

export async function startRoom(options: RoomOptions = {}): Promise<RunningRoom> {
  const room = new Room({ bindAddress: '127.0.0.1', port: 0, peerAssetsDir: PEER_DIR, ...options });
  const { port } = await room.listen();
  return { room, port, url: `http://127.0.0.1:${port}/` };
}

export interface PeerPage {
  page: Page;
  /** Uncaught exceptions and dialogs (an alert would mean injected script ran). */
  problems: string[];
  close(): Promise<void>;
}

export async function openPeer(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<PeerPage> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  let closed: Promise<void> | undefined;
  return { page, problems, close: () => (closed ??= context.close()) };
}

/** Opens the page and joins under `name`; resolves once the message box is there. */
export async function joinAs(browser: Browser, url: string, name: string, options: BrowserContextOptions = {}): Promise<PeerPage> {
  const peer = await openPeer(browser, url, options);
  await join(peer.page, name);
  return peer;
}

export async function join(page: Page, name: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Your name', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await messageBox(page).waitFor();
}

export const messageBox = (page: Page): Locator => page.getByRole('textbox', { name: 'Message', exact: true });
export const log = (page: Page): Locator => page.getByRole('log');
export const people = (page: Page): Locator => page.getByRole('list', { name: 'People', exact: true }).getByRole('listitem');

/** Types a message and presses Enter, as a person does. */
export async function say(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press('Enter');
}

/** The log's chat message items (system lines have no bubble). */
export const chatItems = (page: Page): Locator =>
  log(page)
    .getByRole('listitem')
    .filter({ has: page.locator('.bubble') });

/** Texts of the messages the room has confirmed (pending ones excluded), in order. */
export async function confirmedTexts(page: Page): Promise<string[]> {
  return log(page).locator('li.msg:not(.pending) .message-text').allTextContents();
}

/**
 * The hooks every page-test file needs: one Chromium for the file; after each test, every page it
 * opened through the returned helpers is checked for problems (uncaught errors, dialogs) and closed,
 * and every room it started is closed.
 */
export function usePeerPages() {
  let browser: Browser | undefined;
  const peers: PeerPage[] = [];
  const rooms: RunningRoom[] = [];
  beforeAll(async () => {
    assertPeerBuilt();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const peer of peers.splice(0)) {
      expect(peer.problems).toEqual([]);
      await peer.close();
    }
    for (const { room } of rooms.splice(0)) await room.close();
  });
  const track = <T extends PeerPage>(peer: T): T => (peers.push(peer), peer);
  return {
    startRoom: async (options?: RoomOptions) => {
      const running = await startRoom(options);
      rooms.push(running);
      return running;
    },
    openPeer: async (url: string, options?: BrowserContextOptions) => track(await openPeer(browser!, url, options)),
    joinAs: async (url: string, name: string, options?: BrowserContextOptions) => track(await joinAs(browser!, url, name, options)),
    /** The file's Chromium, for pages of other kinds (the host window). */
    browser: () => browser!,
  };
}
