// The React host window without Electron: a real Room on 127.0.0.1, the built host page served over
// loopback HTTP with the app scheme's answers and headers (electron/app/app-origin.ts), and a
// `window.lanChat` in Chromium that behaves like the preload's bridge (methods answered by the room in
// this Node process, room events batched per animation frame). Used by the host window's tests and by
// scripts/screenshot.mjs.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HistoryFormat, JoinUrl, RoomStatus } from '../../common/host-view.js';
import { resolveLimits } from '../../common/limits.js';
import { parseWifiNetwork } from '../../common/wifi.js';
import { APP_ORIGIN, appResponse } from '../../electron/app/app-origin.js';
import { sharedPicture } from '../../electron/app/shared-pictures.js';
import type { ExportResult, HostEvent, LanChatApi, ShareSource, Snapshot, WifiState } from '../../electron/ipc-contract.js';
import { formatHistory } from '../../electron/room/export-format.js';
import type { RoomEventMap } from '../../electron/room/room-events.js';
import type { Room, RoomOptions } from '../../electron/room/room.js';

/** The built pages (`npx vite build`): the host window is `host/index.html`, its assets are in `assets/`. */
export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

export interface HostHarnessOptions {
  browser: Browser;
  /** The Room class: tests pass the source one, the screenshot script the built one. */
  Room: new (options?: RoomOptions) => Room;
  /** Merged over `{ bindAddress: '127.0.0.1', port: 0 }`. */
  room?: RoomOptions;
  /** Browser locale (`navigator.languages`); the window follows it while its language setting is "system". */
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** Default 1280x800. */
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  /**
   * Join addresses the window shows instead of the room's own. Only for screenshots: a room bound to
   * 127.0.0.1 has just the loopback address, which is not what a person sees at home. The status
   * then shows their port too, so the picture agrees with itself.
   */
  displayUrls?: JoinUrl[];
  /** The host's operating system the window is told (`process.platform` by default). */
  platform?: string;
}

export interface HostHarness {
  room: Room;
  context: BrowserContext;
  /** The host window, loaded and drawn from the first snapshot. */
  page: Page;
  /** `ws://127.0.0.1:<port>/` for clients; the peer page is at the same address over http. */
  wsUrl: string;
  httpUrl: string;
  /** Where `exportHistory` writes (the real app shows a save dialog instead). */
  exportDir: string;
  /** Every `securitypolicyviolation` the page reported: the CSP must never have to block anything. */
  cspViolations: string[];
  /** Ids of the files `showFile` was asked to show in their folder. */
  shownFiles: string[];
  close(): Promise<void>;
}

type Method = keyof LanChatApi;

/** A `ShareItem` as it crosses the harness's binding: the file's bytes in base64 (Playwright carries no typed arrays). */
interface WireShareItem {
  name: string;
  type: string;
  base64: string;
  preview?: { base64: string; width: number; height: number };
}
type BindingKind = 'invoke' | 'next-events' | 'violation';

export async function startHostHarness(options: HostHarnessOptions): Promise<HostHarness> {
  if (!existsSync(join(RENDERER_DIR, 'host', 'index.html'))) {
    throw new Error(`the host window is not built (${RENDERER_DIR}): run npx vite build`);
  }
  const room = new options.Room({ bindAddress: '127.0.0.1', port: 0, ...options.room });
  const { port } = await room.listen();
  const events = new EventQueue();
  const urls = () => options.displayUrls ?? room.joinUrls();
  const displayPort = options.displayUrls?.[0] ? Number(new URL(options.displayUrls[0].url).port) : null;
  const status = (actual: RoomStatus): RoomStatus => (displayPort === null ? actual : { ...actual, port: displayPort });
  const forward = <K extends keyof RoomEventMap>(name: K, toEvent: (...args: RoomEventMap[K]) => HostEvent[]) => {
    const listener = (...args: RoomEventMap[K]) => events.push(toEvent(...args));
    room.on(name, listener as never);
    return () => room.off(name, listener as never);
  };
  // Join URLs depend on the bound port and the PIN, so they are re-sent with status and settings.
  const unforward = [
    forward('chat', (message) => [{ type: 'chat', message }]),
    forward('presence', (event) => [{ type: 'presence', event }]),
    forward('moderation', (event) => [{ type: 'moderation', event }]),
    forward('clients', (clients) => [{ type: 'clients', clients }]),
    forward('moderation-state', (moderation) => [{ type: 'moderation-state', moderation }]),
    forward('message-removed', (message) => [{ type: 'message-removed', seq: message.seq }]),
    forward('status', (actual) => [
      { type: 'status', status: status(actual) },
      { type: 'urls', urls: urls() },
    ]),
    forward('settings', (settings) => [
      { type: 'settings', settings },
      { type: 'urls', urls: urls() },
    ]),
    forward('history-cleared', () => [{ type: 'history-cleared' }]),
    forward('arrivals', (arrivals) => [{ type: 'arrivals', arrivals }]),
  ];

  const exportDir = mkdtempSync(join(tmpdir(), 'lan-chat-export-'));
  // The Wi-Fi step, kept here as the app's store keeps it (validated the same way, in memory).
  let wifi: WifiState = { network: null, persisted: true };
  const shownFiles: string[] = [];
  let shared = 0;
  /** As the preload does: a file becomes its path on disk (here written to a folder of its own first). */
  const toSource = (item: WireShareItem): ShareSource => {
    const dir = join(exportDir, `shared-${++shared}`);
    mkdirSync(dir);
    const path = join(dir, item.name);
    writeFileSync(path, Buffer.from(item.base64, 'base64'));
    const preview = item.preview && {
      bytes: Buffer.from(item.preview.base64, 'base64'),
      width: item.preview.width,
      height: item.preview.height,
    };
    return preview === undefined ? { path } : { path, preview };
  };
  const handlers: { [M in Method]: (...args: never[]) => unknown } = {
    getSnapshot: (): Snapshot => ({
      status: status(room.status()),
      urls: urls(),
      clients: room.clients(),
      history: room.history(),
      events: room.historyEvents(),
      moderation: room.moderationState(),
      settings: room.settings(),
      maxMessageBytes: resolveLimits(room.options.limits).maxMessageBytes,
      arrivals: room.arrivals(),
      platform: options.platform ?? process.platform,
    }),
    onEvent: () => {
      throw new Error('onEvent is implemented in the page');
    },
    send: (text: string) => room.send(text),
    kick: (id: string) => room.kick(id),
    updateSettings: (update: Parameters<LanChatApi['updateSettings']>[0]) => room.updateSettings(update),
    exportHistory: (format: HistoryFormat): ExportResult => {
      const path = join(exportDir, `history.${format}`);
      writeFileSync(path, formatHistory(room.historyRecords(), format, { roomName: room.settings().roomName }));
      return { saved: true, path };
    },
    clearHistory: () => room.clearHistory(),
    getWifi: (): WifiState => wifi,
    setWifi: (network: unknown): WifiState => (wifi = { ...wifi, network: network === null ? null : parseWifiNetwork(network) }),
    shareFiles: (items: WireShareItem[], caption: string) => room.shareFiles(items.map(toSource), caption),
    saveFile: (id: string): ExportResult => {
      const file = room.sharedFile(id);
      if (file === undefined) return { saved: false, reason: 'error', message: 'the file is no longer in the room' };
      const path = join(exportDir, file.file.ref.name);
      copyFileSync(file.path, path);
      return { saved: true, path };
    },
    showFile: (id: string) => {
      shownFiles.push(id);
      return room.sharedFile(id) !== undefined;
    },
    ban: (id: string, minutes: number | null) => room.ban(id, minutes),
    unban: (id: string) => room.unban(id),
    mute: (id: string, minutes: number | null) => room.mute(id, minutes),
    unmute: (id: string) => room.unmute(id),
    setLocked: (locked: boolean) => room.setLocked(locked),
    setWaitingRoom: (on: boolean) => room.setWaitingRoom(on),
    admit: (id: string) => room.admit(id),
    admitAll: () => room.admitAll(),
    turnAway: (id: string) => room.turnAway(id),
    setSlowMode: (seconds: number) => room.setSlowMode(seconds),
    setPin: (pin: string | null, removeConnected: boolean) => room.updateSettings({ pin }, { removeConnected }),
    removeMessage: (seq: number) => room.removeMessage(seq),
  };

  // The page, its assets and the shared pictures as the app scheme serves them in the real window.
  const files = await serveAppOrigin((url) =>
    appResponse(RENDERER_DIR, url, (pathname) => sharedPicture(pathname, (id) => room.sharedFile(id))),
  );
  const pageOrigin = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
  const context = await options.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  // One binding carries the bridge's three kinds of traffic (each binding costs a round trip to set up).
  await page.exposeBinding('__lanChat', async (source, kind: BindingKind, method: Method, args: unknown[]) => {
    if (kind === 'violation') return void cspViolations.push(String(method));
    // As one JSON string: Playwright's own serializer takes seconds for 100,000 small objects.
    if (kind === 'next-events') return JSON.stringify(await events.next());
    // The same policy the real main process applies to IPC: only the host window's own top frame may call.
    if (source.frame !== source.page.mainFrame() || new URL(source.frame.url()).origin !== pageOrigin) {
      throw new Error('refused: not the host window');
    }
    const handler = handlers[method] as ((...a: unknown[]) => unknown) | undefined;
    if (!handler) throw new Error(`unknown method ${String(method)}`);
    return handler(...args);
  });
  await page.addInitScript(
    installBridge,
    Object.keys(handlers).filter((name) => name !== 'onEvent'),
  );
  await page.goto(`${pageOrigin}/host/index.html`);
  await page.locator('.app').waitFor();

  let closed = false;
  return {
    room,
    context,
    page,
    wsUrl: `ws://127.0.0.1:${port}/`,
    httpUrl: `http://127.0.0.1:${port}/`,
    exportDir,
    cspViolations,
    shownFiles,
    async close() {
      if (closed) return;
      closed = true;
      for (const off of unforward) off();
      events.close();
      await context.close();
      await room.close();
      await new Promise((done) => files.close(done));
      files.closeAllConnections();
      rmSync(exportDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs in the page before its scripts: `window.lanChat` on top of the binding, shaped like the
 * preload's bridge: a frozen object of methods, events delivered at most once per animation frame.
 * `methods`: every method but `onEvent`, each answered by the room through the binding.
 */
function installBridge(methods: string[]): void {
  const binding = (window as unknown as { __lanChat(kind: BindingKind, method?: string, args?: unknown[]): Promise<unknown> }).__lanChat;
  document.addEventListener('securitypolicyviolation', (e) => void binding('violation', `${e.violatedDirective}: ${e.blockedURI}`));
  const invoke = (method: string, ...args: unknown[]) => binding('invoke', method, args);
  const listeners = new Set<(events: HostEvent[]) => void>();
  let pending: HostEvent[] = [];
  let frame = 0;
  let pulling = false;
  const deliver = () => {
    frame = 0;
    const batch = pending;
    pending = [];
    for (const listener of listeners) listener(batch);
  };
  const pull = async () => {
    for (;;) {
      const batch = JSON.parse((await binding('next-events')) as string) as HostEvent[] | null;
      if (batch === null) return;
      pending.push(...batch);
      if (frame === 0) frame = requestAnimationFrame(deliver);
    }
  };
  const api = Object.fromEntries(
    methods.map((method) => [method, (...args: unknown[]) => invoke(method, ...args)]),
  ) as unknown as LanChatApi;
  Object.assign(api, {
    onEvent(callback: (events: HostEvent[]) => void) {
      // Wrapped so page code never holds anything of the transport, like the preload does.
      const listener = (events: HostEvent[]) => callback(events);
      listeners.add(listener);
      if (!pulling) {
        pulling = true;
        void pull();
      }
      return () => void listeners.delete(listener);
    },
    // Files cross the binding as base64: a Blob does not survive JSON.
    shareFiles: async (items: Parameters<LanChatApi['shareFiles']>[0], caption: string) => {
      const base64 = async (blob: Blob) => {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
      };
      const wire: WireShareItem[] = await Promise.all(
        items.map(async ({ file, preview }) => ({
          name: file.name,
          type: file.type,
          base64: await base64(file),
          ...(preview && {
            preview: { base64: await base64(new Blob([preview.bytes as BlobPart])), width: preview.width, height: preview.height },
          }),
        })),
      );
      return invoke('shareFiles', wire, caption) as ReturnType<LanChatApi['shareFiles']>;
    },
  });
  Object.defineProperty(window, 'lanChat', { value: Object.freeze(api), enumerable: true });
}

/** Room events waiting for the page: it long-polls, taking everything queued at once. */
class EventQueue {
  private queue: HostEvent[] = [];
  private waiter: ((events: HostEvent[] | null) => void) | null = null;
  private closed = false;

  push(events: HostEvent[]): void {
    if (this.closed) return;
    this.queue.push(...events);
    this.wake();
  }

  next(): Promise<HostEvent[] | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiter = resolve;
      if (this.queue.length > 0) this.wake();
    });
  }

  close(): void {
    this.closed = true;
    this.waiter?.(null);
    this.waiter = null;
  }

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter || this.queue.length === 0) return;
    this.waiter = null;
    const events = this.queue;
    this.queue = [];
    waiter(events);
  }
}

/** An HTTP server on 127.0.0.1:0 that answers every request as the app scheme does (`answer`). */
async function serveAppOrigin(answer: (url: string) => Promise<Response>): Promise<Server> {
  const server = createServer((req, res) => {
    void answer(new URL(req.url ?? '/', APP_ORIGIN).href).then((response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body === null) res.end();
      else Readable.fromWeb(response.body as never).pipe(res);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}
