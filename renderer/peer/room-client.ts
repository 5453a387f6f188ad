// The page's connection to the room: hello/welcome with resume, a reconnect loop that never gives up,
// a heartbeat that notices a dead connection (heartbeat.ts), the offline queue and typing notices. It owns a ChatState and exposes it as an external store for
// React (`subscribe` / `getSnapshot`). Frames are applied in batches: at once when quiet, at most one
// render per BUSY_RENDER_MS under a flood. It uses no browser global of its own: main.tsx hands it the
// WebSocket class and calls `wake()` on the browser's wake-up events, so it runs in Node too (tests).
import {
  CloseCode,
  PROTOCOL_VERSION,
  RICH_PROTOCOL,
  type ClientMessage,
  type ErrorCode,
  type ServerMessage,
} from '../../common/protocol.js';
import { backoffDelay } from './backoff.js';
import { Heartbeat } from './heartbeat.js';
import { addPending, applyServerMessages, initialChatState, pruneTyping, removePending, splitRenderBatch } from './chat-state.js';
import type { ChatState, PendingFile } from './chat-state.js';
import { newId } from './ids.js';
import { endsSession, verdictOfClose, verdictOfError, type Verdict } from './room-verdicts.js';
import { TypingNotice } from './typing-notice.js';
import { Listeners } from '../shared/listeners.js';
import { utf8Length } from '../shared/text.js';

export type ConnectionStatus =
  /** Not asked to join yet. */
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'online' }
  /** Disconnected; the next attempt starts at `retryAt` (epoch ms). */
  | { phase: 'waiting'; retryAt: number }
  /** In the room's waiting room: the welcome comes when the host lets us in. */
  | { phase: 'lobby' }
  /** A PIN to type, or the room ended this session (room-verdicts.ts). */
  | Verdict
  /** The person left the room as `name` (their name at the time, renames included). */
  | { phase: 'left'; name: string };

/** Something to tell the person about near the composer. */
export interface Notice {
  code: ErrorCode;
  /** Distinguishes repeats of the same notice so each one is shown again. */
  id: number;
}

export interface ClientSnapshot {
  status: ConnectionStatus;
  chat: ChatState;
  notice: Notice | null;
  /** True once in the room: a welcome arrived, or a remembered session is being resumed (the chat view shows). */
  entered: boolean;
  /** The connection to the room was lost (or the device went offline) and is not back yet. */
  lost: boolean;
  /** Text handed back to the composer (a refused message being edited); `id` tells repeats apart. */
  restore: { text: string; id: number } | null;
  /**
   * A different room answered at this address: the messages typed for the old one are kept, unsent,
   * until the person sends them here (`sendHeld`) or drops them (`discardHeld`).
   */
  held: boolean;
  /** Slow mode: the next message may go at this time (epoch ms, this device's clock); 0: now. */
  slowUntil: number;
}

export type SendResult = 'ok' | 'empty' | 'too-long';

/** A connection that opens but gets no welcome within this time is abandoned and retried. */
const CONNECT_TIMEOUT_MS = 10_000;
const TYPING_PRUNE_MS = 1_000;
/**
 * Under a flood the view is updated at most this often: each update costs a style, layout and paint
 * pass whatever the batch size, so fewer, larger batches keep the main thread free. A message after a
 * quiet spell still shows on the next frame.
 */
const BUSY_RENDER_MS = 50;

/**
 * The part of a WebSocket the client uses. The browser's WebSocket has it, and so has the `ws`
 * package's, which lets the client run in Node against a real room.
 */
export interface RoomSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}

/** `readyState` of an open socket (`WebSocket.OPEN`), the same in every implementation. */
const OPEN = 1;

export interface RoomClientOptions {
  /** WebSocket URL of the room (the page's own host: the room serves the page). */
  url: string;
  /** Makes the connection: the browser's `WebSocket` in the page. */
  WebSocket: new (url: string, protocol: string) => RoomSocket;
  /** Called for each batch holding chat from others (unread count, sound). */
  onIncoming?: (count: number) => void;
  /** Called with the session token of each welcome, and with null when the session ends (leave, kick). */
  onSession?: (session: string | null) => void;
  /** The id of the room this device was in before (`RoomInfo.id`, remembered); the PIN goes on its own only to that room. */
  roomId?: string | null;
  /** Called with the id of each room that welcomes the page, to be remembered. */
  onRoomId?: (roomId: string) => void;
}

/** A page that has not joined (or has left): nothing known of any room. */
const NOT_IN_A_ROOM: ClientSnapshot = {
  status: { phase: 'idle' },
  chat: initialChatState,
  notice: null,
  entered: false,
  lost: false,
  restore: null,
  held: false,
  slowUntil: 0,
};

export class RoomClient {
  private snapshot: ClientSnapshot = NOT_IN_A_ROOM;
  private readonly listeners = new Listeners();
  private socket: RoomSocket | null = null;
  /** Pending messages already written to the current socket (a new socket resends the rest). */
  private sentOnSocket = new Set<string>();
  private name = '';
  private pin: string | undefined;
  private session: string | undefined;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private inbox: ServerMessage[] = [];
  private flushScheduled = false;
  private lastFlushAt = -Infinity;
  private readonly typing = new TypingNotice((message) => this.write(message));
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;
  private noticeSerial = 0;
  /** The room this page knows: the PIN is sent on its own (on a reconnect) only to a room with this id. */
  private knownRoomId: string | null;
  /**
   * Whether the next hello may carry the PIN: the person has just given it (`join`), or the room asking
   * for it said it is the known one. Cleared by each welcome: the PIN then goes only where it was meant.
   */
  private pinMaySend = false;
  /** The known room asked for the PIN on a reconnect: connect again at once, this time with it. */
  private retryWithPin = false;
  private readonly heartbeat = new Heartbeat({ ping: () => this.write({ type: 'ping' }), dead: () => this.connectionLost() });

  constructor(private readonly options: RoomClientOptions) {
    this.knownRoomId = options.roomId ?? null;
  }

  readonly subscribe = this.listeners.subscribe;

  getSnapshot = (): ClientSnapshot => this.snapshot;

  /** Enters the room (or retries after a PIN prompt or a kick): the person's own step, so the PIN goes along. */
  join(name: string, pin?: string): void {
    this.pinMaySend = true;
    this.enter(name, pin);
  }

  /**
   * Goes back into the room with a session remembered from an earlier visit, showing the room at once.
   * A session the room no longer knows simply joins afresh under `name`. No `lastSeq`: this page has
   * nothing yet, so it wants the recent history, not only what came after.
   */
  rejoin(name: string, session: string, pin?: string): void {
    this.session = session;
    this.update({ entered: true });
    // Nobody pressed "Join": the PIN goes only if the room turns out to be the one this device knows.
    this.enter(name, pin);
  }

  /** Sends the messages held for the room this page was in to the room it is in now. */
  sendHeld(): void {
    this.update({ held: false });
    this.flushPending();
  }

  /** Drops the messages held for the room this page was in. */
  discardHeld(): void {
    this.update({ held: false, chat: { ...this.snapshot.chat, pending: [] } });
  }

  private enter(name: string, pin: string | undefined): void {
    this.name = name;
    if (pin !== undefined) this.pin = pin;
    this.attempt = 0;
    this.connect();
  }

  /** Leaves the room for good (others see "left") and forgets the session. */
  leave(): void {
    const name = this.snapshot.chat.me?.name ?? this.name;
    this.teardown(CloseCode.normal);
    this.stopPruning();
    this.typing.forget();
    this.session = undefined;
    this.inbox = [];
    this.options.onSession?.(null);
    this.update({ ...NOT_IN_A_ROOM, status: { phase: 'left', name } });
  }

  /** Asks the room for a new display name; the room's `rename` presence updates the view. */
  rename(name: string): boolean {
    if (!this.write({ type: 'rename', name })) return false;
    this.name = name;
    return true;
  }

  /** The session token while in the room (the upload API wants it). */
  get sessionToken(): string | undefined {
    return this.session;
  }

  /** Queues a message (with `files`, stored uploads, the text may be empty); it goes out when online, pending until echoed. */
  send(text: string, files?: PendingFile[]): SendResult {
    if (text.trim() === '' && files === undefined) return 'empty';
    if (utf8Length(text) > this.snapshot.chat.maxMessageBytes) return 'too-long';
    const clientMsgId = newId();
    const now = Date.now();
    const slowMs = this.snapshot.chat.slowModeSeconds * 1000;
    this.update({
      chat: addPending(this.snapshot.chat, { clientMsgId, text, createdAt: now, ...(files ? { files } : {}) }),
      ...(slowMs > 0 ? { slowUntil: now + slowMs } : {}),
    });
    this.typing.stop();
    this.flushPending();
    return 'ok';
  }

  /** Takes a refused message out of the list. */
  discardPending(clientMsgId: string): void {
    this.setChat(removePending(this.snapshot.chat, clientMsgId));
  }

  /** Takes a refused message out of the list and hands its text back to the composer. */
  editPending(clientMsgId: string): void {
    const pending = this.snapshot.chat.pending.find((p) => p.clientMsgId === clientMsgId);
    if (!pending) return;
    this.setChat(removePending(this.snapshot.chat, clientMsgId));
    this.returnText(pending.text);
  }

  /** Hands text back to the composer (a message, or a caption whose files all failed). */
  returnText(text: string): void {
    this.update({ restore: { text, id: ++this.noticeSerial } });
  }

  /** Call on every edit of the message box. */
  typed(text: string): void {
    this.typing.typed(text);
  }

  /** Skips the rest of the backoff wait. */
  retryNow(): void {
    if (this.snapshot.status.phase === 'waiting') this.connect();
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  /**
   * Call when the device goes offline: the connection cannot be working, whatever its socket says (a
   * socket often learns of it only much later). The page says so and reconnects once it can.
   */
  offline(): void {
    const { phase } = this.snapshot.status;
    if (phase === 'online' || phase === 'connecting') this.connectionLost();
  }

  /**
   * Call when a phone wakes up, the network comes back or the page is restored from the back/forward
   * cache: reconnects now instead of waiting out the backoff, and pokes an "open" socket so that a
   * dead one shows itself.
   */
  wake(): void {
    const { phase } = this.snapshot.status;
    if (phase === 'waiting') {
      this.connect();
    } else if (phase === 'online') {
      // Writing to a socket the room has already dropped makes the browser notice and close it.
      this.write({ type: 'typing', typing: false });
    }
  }

  private connect(): void {
    this.teardown();
    this.update({ status: { phase: 'connecting' } });
    let socket: RoomSocket;
    try {
      socket = new this.options.WebSocket(this.options.url, RICH_PROTOCOL);
    } catch {
      return this.scheduleRetry();
    }
    this.socket = socket;
    this.sentOnSocket = new Set();
    this.connectTimer = setTimeout(() => socket.close(), CONNECT_TIMEOUT_MS);
    // A socket that was replaced or closed by `teardown` has nothing more to say.
    const current = () => this.socket === socket;
    socket.addEventListener('open', () => {
      if (!current()) return;
      const lastSeq = this.snapshot.chat.lastSeq;
      this.write({
        type: 'hello',
        v: PROTOCOL_VERSION,
        name: this.name,
        ...(this.session ? { session: this.session } : {}),
        ...(this.session && lastSeq > 0 ? { lastSeq } : {}),
        ...(this.pin && this.pinMaySend ? { pin: this.pin } : {}),
      });
    });
    socket.addEventListener('message', (event) => {
      if (current()) this.receive(event.data);
    });
    // A failed connection also closes, and the close handler decides what next. (Listening keeps the
    // `ws` package from throwing the error, as it does with errors nobody listens to.)
    socket.addEventListener('error', () => {});
    socket.addEventListener('close', (event) => {
      if (!current()) return;
      this.socket = null;
      clearTimeout(this.connectTimer);
      this.closed(event.code);
    });
  }

  private receive(data: unknown): void {
    this.heartbeat.heard();
    let frame: ServerMessage;
    try {
      frame = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return; // The room only sends JSON; anything else is not ours to show.
    }
    if (frame.type === 'welcome') {
      clearTimeout(this.connectTimer);
      this.session = frame.session;
      this.options.onSession?.(frame.session);
      this.attempt = 0;
      this.pinMaySend = false;
      const before = this.snapshot.chat.roomId;
      this.inbox.push(frame);
      this.flush();
      // Queued for one room, not to be sent to another without asking.
      const held = this.snapshot.held || (before !== null && before !== frame.room.id && this.snapshot.chat.pending.length > 0);
      this.knownRoomId = frame.room.id;
      this.options.onRoomId?.(frame.room.id);
      this.update({ status: { phase: 'online' }, entered: true, lost: false, held });
      this.heartbeat.start(frame.room.heartbeatMs);
      this.startPruning();
      this.flushPending();
      return;
    }
    if (frame.type === 'pong') return;
    if (frame.type === 'waiting') return this.update({ status: { phase: 'lobby' } });
    if (frame.type === 'error') this.showError(frame.code, frame.retryAfterMs, frame.roomId, frame.clientMsgId);
    this.inbox.push(frame);
    this.scheduleFlush();
  }

  private showError(code: ErrorCode, retryAfterMs: number | undefined, roomId: string | undefined, clientMsgId: string | undefined): void {
    if (code === 'pin-required' && this.pin && !this.pinMaySend && roomId !== undefined && roomId === this.knownRoomId) {
      // The room this page knows (restarted, so it forgot our session): the PIN may go to it.
      this.pinMaySend = true;
      this.retryWithPin = true;
      return;
    }
    const verdict = verdictOfError(code, retryAfterMs, Date.now());
    if (verdict !== null) {
      // The room closes right after this; the close handler must not retry on its own.
      if (verdict.phase === 'pin' && this.knownRoomId !== null && roomId !== undefined && roomId !== this.knownRoomId) {
        verdict.roomChanged = true;
      }
      return this.stop(verdict);
    }
    if (code === 'slow-mode' && clientMsgId !== undefined) {
      // Not delivered, but kept: it goes again once slow mode allows, and the composer counts down.
      const wait = retryAfterMs ?? this.snapshot.chat.slowModeSeconds * 1000;
      this.sentOnSocket.delete(clientMsgId);
      this.update({ slowUntil: Date.now() + wait });
      clearTimeout(this.slowTimer);
      this.slowTimer = setTimeout(() => this.flushPending(), wait);
      return;
    }
    this.update({ notice: { code, id: ++this.noticeSerial } });
  }

  /** The connection died without a word (or the device went offline): drop it and reconnect. */
  private connectionLost(): void {
    // Not a clean close, which would be leaving: the room keeps this person's place for the resume.
    this.teardown(CloseCode.reconnecting);
    this.closed(1006);
  }

  /**
   * The room ended the session or wants a PIN. A ban also drops what was queued offline: it is never
   * delivered, and the page says how much.
   */
  private stop(verdict: Verdict): void {
    if (endsSession(verdict)) {
      this.session = undefined;
      this.options.onSession?.(null);
    }
    if (verdict.phase === 'stopped' && verdict.reason === 'banned') {
      const dropped = this.snapshot.chat.pending.length;
      this.update({ chat: { ...this.snapshot.chat, pending: [] }, status: { ...verdict, dropped }, lost: false });
      return;
    }
    this.update({ status: verdict, lost: false });
  }

  private closed(code: number): void {
    this.heartbeat.stop();
    this.stopPruning();
    if (this.snapshot.status.phase === 'online') this.update({ lost: true });
    this.typing.forget();
    // Nobody's typing can be known while disconnected.
    if (this.snapshot.chat.typing.length > 0) this.setChat({ ...this.snapshot.chat, typing: [] });
    if (this.retryWithPin) {
      this.retryWithPin = false;
      this.connect();
      return;
    }
    const { phase } = this.snapshot.status;
    // Already told why (an error came first); the close changes nothing.
    if (phase === 'pin' || phase === 'stopped') return;
    const verdict = verdictOfClose(code);
    if (verdict !== null) return this.stop(verdict);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const delay = backoffDelay(this.attempt++);
    this.update({ status: { phase: 'waiting', retryAt: Date.now() + delay } });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private teardown(code?: number): void {
    this.heartbeat.stop();
    clearTimeout(this.retryTimer);
    clearTimeout(this.connectTimer);
    const old = this.socket;
    this.socket = null;
    old?.close(code);
  }

  /** Sends every pending message not yet written to this socket, oldest first. */
  private flushPending(): void {
    if (this.snapshot.status.phase !== 'online' || this.snapshot.held) return;
    for (const p of this.snapshot.chat.pending) {
      if (p.error || this.sentOnSocket.has(p.clientMsgId)) continue;
      const files = p.files?.map((f) => f.uploadId);
      if (!this.write({ type: 'chat', text: p.text, clientMsgId: p.clientMsgId, ...(files ? { files } : {}) })) return;
      this.sentOnSocket.add(p.clientMsgId);
    }
  }

  private write(message: ClientMessage): boolean {
    if (this.socket?.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A timer task rather than an animation frame: the render then runs in a task of its own and the
    // browser's style, layout and paint in the next frame's, so neither makes one long task of both.
    // Timers also keep running in a hidden tab (slowed down), which keeps the title's unread count.
    setTimeout(() => this.flush(), Math.max(0, this.lastFlushAt + BUSY_RENDER_MS - performance.now()));
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.inbox.length === 0) return;
    this.lastFlushAt = performance.now();
    const { now: frames, later } = splitRenderBatch(this.inbox);
    this.inbox = later;
    if (later.length > 0) this.scheduleFlush();
    const { state, incoming } = applyServerMessages(this.snapshot.chat, frames, Date.now());
    this.setChat(state);
    if (incoming > 0) this.options.onIncoming?.(incoming);
  }

  private startPruning(): void {
    this.stopPruning();
    this.pruneTimer = setInterval(() => {
      const chat = pruneTyping(this.snapshot.chat, Date.now());
      if (chat !== this.snapshot.chat) this.setChat(chat);
    }, TYPING_PRUNE_MS);
  }

  private stopPruning(): void {
    clearInterval(this.pruneTimer);
  }

  private setChat(chat: ChatState): void {
    this.update({ chat });
  }

  private update(change: Partial<ClientSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.listeners.notify();
  }
}
