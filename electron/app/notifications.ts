// Desktop notifications for the host: a message from someone else while the window is in the
// background shows one OS notification (clicking it brings the window forward) and counts on the
// dock/taskbar badge until the window has focus again. Floods make one notification, not hundreds.
import { app, Notification, type BrowserWindow } from 'electron';
import type { HostEvent } from '../ipc-contract.js';

/** Longest notification body; the window has the whole message. */
const MAX_BODY = 200;
/** While one notification is this fresh, further messages only raise the badge count. */
const QUIET_MS = 4000;

export class ChatNotifier {
  #unread = 0;
  #lastShownAt = -Infinity;

  /** @param platform decides whether the OS renders markup in notifications (Linux does) */
  constructor(
    private readonly window: () => BrowserWindow | undefined,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Feed every room event; only chat from others while the window is unfocused notifies. */
  onEvent(event: HostEvent): void {
    if (event.type !== 'chat' || event.message.from.kind === 'host') return;
    const window = this.window();
    if (window === undefined || window.isFocused()) return;
    if (this.#unread === 0) window.once('focus', () => this.#clear());
    this.#unread += 1;
    app.setBadgeCount(this.#unread);
    const now = performance.now();
    if (now - this.#lastShownAt < QUIET_MS || !Notification.isSupported()) return;
    this.#lastShownAt = now;
    const { from, text } = event.message;
    // Linux notification servers (libnotify) render a subset of HTML, links and images included: a
    // guest's name and text must show as the characters they are.
    const plain = this.platform === 'linux' ? escapeMarkup : (s: string) => s;
    const notification = new Notification({
      title: plain(from.name),
      body: plain(shorten(text)),
      silent: false,
    });
    notification.on('click', () => {
      const target = this.window();
      if (target === undefined) return;
      if (target.isMinimized()) target.restore();
      target.focus();
    });
    notification.show();
  }

  #clear(): void {
    this.#unread = 0;
    app.setBadgeCount(0);
  }
}

/** Cut on code points, so a long message never ends in half of an emoji or a CJK surrogate pair. */
function shorten(text: string): string {
  const points = Array.from(text);
  return points.length > MAX_BODY ? `${points.slice(0, MAX_BODY).join('')}…` : text;
}

const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as notification markup that shows exactly that text. */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => MARKUP[c]!);
}
