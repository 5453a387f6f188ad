// The real app in real Electron, driven by Playwright: the room runs, a ws client joins and is listed,
// the host's message reaches it, the page has no Node, and closing the window leaves the room running
// in the tray. Runs only where the Electron binary is
// installed (it cannot be downloaded everywhere); elsewhere it is skipped and says why. It never
// `require`s 'electron' (that would start a download): the binary's path is read from disk.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_METHODS } from '../support/bridge-methods.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The installed Electron executable, found the way the `electron` package itself finds it. */
function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (binary === null) {
  console.log(
    '[skip] Electron end-to-end test: no Electron binary (node_modules/electron/path.txt and dist/ are missing); ' +
      'install it with `npx install-electron` where downloads work.',
  );
}

describe.skipIf(binary === null)('LAN Chat in Electron', () => {
  let userData: string;
  let port: number;
  let app: ElectronApplication;
  let page: Page;
  let peer: WebSocket | undefined;

  beforeAll(async () => {
    for (const built of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/host/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
    }
    userData = mkdtempSync(join(tmpdir(), 'lan-chat-e2e-'));
    // Port 0: the room takes a free port, and the page's snapshot says which.
    const args = [ROOT, `--user-data-dir=${userData}`, '--room-host=127.0.0.1', '--room-port=0', '--lang=en-US'];
    // Chromium refuses to run as root with its OS sandbox on (CI containers).
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    app = await _electron.launch({ executablePath: binary!, args, timeout: 30_000 });
    page = await app.firstWindow();
    await page.waitForURL('app://lan-chat/host/index.html');
    port = await page.evaluate(async () => (await window.lanChat.getSnapshot()).status.port);
  }, 60_000);

  afterAll(async () => {
    peer?.terminate();
    // The last test already quit the app; closing again is a no-op or "already closed".
    await app?.close().catch(() => {});
    if (userData !== undefined) rmSync(userData, { recursive: true, force: true });
  });

  it('loads the host page from app:// and shows the room running on its port', async () => {
    expect(page.url()).toBe('app://lan-chat/host/index.html');
    expect(port).toBeGreaterThan(0);
    const status = page.getByRole('status', { name: 'Room status' });
    await status.getByText('Room is running').waitFor();
    await status.getByText(`Port ${port}`).waitFor();
  });

  it('gives the page no Node and exactly the lanChat bridge', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys(window.lanChat).sort(),
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: BRIDGE_METHODS,
    });
  });

  it('lists a client that joins and delivers the host message typed in the send box', async () => {
    peer = new WebSocket(`ws://127.0.0.1:${port}/`, 'lws-minimal');
    await new Promise((resolve, reject) => peer!.once('open', resolve).once('error', reject));
    // The room names raw clients itself; ask it which name this one got, then look for it in the window.
    const name = await vi.waitFor(async () => {
      const joined = await page.evaluate(async () => (await window.lanChat.getSnapshot()).clients[0]?.name);
      expect(joined).toBeTypeOf('string');
      return joined!;
    });
    await page.getByRole('list', { name: 'People' }).getByText(name).first().waitFor();

    const received = new Promise<string>((resolve) => peer!.once('message', (data) => resolve(String(data))));
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('hello from the desktop');
    await box.press('Enter');
    expect(await received).toMatch(/: hello from the desktop$/);
  });

  it('keeps the room running when the window is closed, says so once, and opens the window again on a second launch', async () => {
    await page.close();
    await vi.waitFor(async () => expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0));
    // Closing the window is not quitting: the guest stays, a newcomer gets in.
    expect(peer!.readyState).toBe(WebSocket.OPEN);
    const newcomer = new WebSocket(`ws://127.0.0.1:${port}/`, 'lws-minimal');
    await new Promise((resolve, reject) => newcomer.once('open', resolve).once('error', reject));
    newcomer.terminate();
    if (process.platform !== 'darwin') {
      expect(JSON.parse(readFileSync(join(userData, 'app-state.json'), 'utf8'))).toEqual({ closeNoticeShown: true });
    }

    const reopened = app.waitForEvent('window');
    await app.evaluate(({ app: electronApp }) => electronApp.emit('second-instance'));
    page = await reopened;
    await page.waitForURL('app://lan-chat/host/index.html');
    await page.getByRole('status', { name: 'Room status' }).getByText('Room is running').waitFor();
  });

  it('stops the room when the app quits', async () => {
    const closed = new Promise((resolve) => peer!.once('close', resolve));
    await app.close();
    await closed;
    // The port is free again.
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});
