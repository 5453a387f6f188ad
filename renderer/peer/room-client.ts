// The page in the room: joining and resuming (hello/welcome), what the room's refusals mean for the
// connection (room-verdicts.ts), sending through the offline queue (outbox.ts), typing notices. It
// owns a ChatState (chat-state.ts) and exposes it with the connection's state as an external store for
// React (`subscribe` / `getSnapshot`); frames reach it in batches (frame-batches.ts). The socket and
// its reconnect loop are room-connection.ts's, the PIN's rules pin-keeper.ts's. It uses no browser
// global of its own: main.tsx hands it the WebSocket class and calls `wake()` on the browser's wake-up
// events, so it runs in Node too (tests).
import { CloseCode, PROTOCOL_VERSION, type ErrorCode, type HelloMessage, type ServerMessage } from '../../common/protocol.js';
import { addPending, applyServerMessages, initialChatState, pruneTyping, removePending } from './chat-state.js';
import type { ChatState, PendingFile } from './chat-state.js';
import { FrameBatches } from './frame-batches.js';
import { newId } from './ids.js';
import { Outbox } from './outbox.js';
import { PinKeeper } from './pin-keeper.js';
import { RoomConnection, type RoomSocket } from './room-connection.js';
import { endsSession, verdictOfClose, verdictOfError, type Verdict } from './room-verdicts.js';
import { TypingNotice } from './typing-notice.js';
import { Listeners } from '../shared/listeners.js';
import { utf8Length } from '../shared/text.js';

export type { RoomSocket } from './room-connection.js';

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

/** Others' typing notices past their expiry are dropped this often. */
const TYPING_PRUNE_MS = 1_000;

export interface RoomClientOptions {
  /** WebSocket URL of the room (the page's own host: the room serves the page). */
  url: string;
  /** Makes the connection: the browser's `WebSocket` in the page. */
  WebSocket: new (url: string, protocol: string) => RoomSocket;
  /** Called for each batch holding chat from others (unread count, sound). */
  onIncoming?: (count: number) => void;
  /** Called with the session token of each welcome, and with null when the session ends (leaving, a kick or ban, a new PIN). */
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
  private name = '';
  private session: string | undefined;
  private readonly connection: RoomConnection;
  private readonly pin: PinKeeper;
  private readonly batches = new FrameBatches((frames) => this.apply(frames));
  private readonly outbox: Outbox;
  private readonly typing: TypingNotice;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;
  private noticeSerial = 0;

  constructor(private readonly options: RoomClientOptions) {
    this.connection = new RoomConnection({
      url: options.url,
      WebSocket: options.WebSocket,
      hello: () => this.hello(),
      frame: (data) => this.receive(data),
      closed: (code) => this.closed(code),
    });
    this.pin = new PinKeeper(options.roomId ?? null);
    const write = this.connection.write.bind(this.connection);
    this.outbox = new Outbox(write);
    this.typing = new TypingNotice(write);
  }

  readonly subscribe = this.listeners.subscribe;

  getSnapshot = (): ClientSnapshot => this.snapshot;

  /** Enters the room (or retries after a PIN prompt or a kick): the person's own step, so the PIN goes along. */
  join(name: string, pin?: string): void {
    this.pin.given(pin);
    this.enter(name);
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
    this.pin.keep(pin);
    this.enter(name);
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

  private enter(name: string): void {
    this.name = name;
    this.connection.resetBackoff();
    this.connect();
  }

  /** Leaves the room for good (others see "left") and forgets the session. */
  leave(): void {
    const name = this.snapshot.chat.me?.name ?? this.name;
    this.connection.close(CloseCode.normal);
    this.stopPruning();
    this.typing.forget();
    this.session = undefined;
    this.batches.clear();
    this.options.onSession?.(null);
    this.update({ ...NOT_IN_A_ROOM, status: { phase: 'left', name } });
  }

  /** Asks the room for a new display name; the room's `rename` presence updates the view. */
  rename(name: string): boolean {
    if (!this.connection.write({ type: 'rename', name })) return false;
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
    if (phase === 'online' || phase === 'connecting') this.connection.drop();
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
      this.connection.write({ type: 'typing', typing: false });
    }
  }

  private connect(): void {
    this.update({ status: { phase: 'connecting' } });
    this.outbox.newSocket();
    if (!this.connection.open()) this.scheduleRetry();
  }

  private hello(): HelloMessage {
    const lastSeq = this.snapshot.chat.lastSeq;
    const pin = this.pin.forHello();
    return {
      type: 'hello',
      v: PROTOCOL_VERSION,
      name: this.name,
      ...(this.session ? { session: this.session } : {}),
      ...(this.session && lastSeq > 0 ? { lastSeq } : {}),
      ...(pin ? { pin } : {}),
    };
  }

  private receive(data: unknown): void {
    let frame: ServerMessage;
    try {
      frame = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return; // The room only sends JSON; anything else is not ours to show.
    }
    if (frame.type === 'welcome') {
      this.connection.welcomed(frame.room.heartbeatMs);
      this.session = frame.session;
      this.options.onSession?.(frame.session);
      const before = this.snapshot.chat.roomId;
      this.batches.addNow(frame);
      // Queued for one room, not to be sent to another without asking.
      const held = this.snapshot.held || (before !== null && before !== frame.room.id && this.snapshot.chat.pending.length > 0);
      this.pin.welcomed(frame.room.id);
      this.options.onRoomId?.(frame.room.id);
      this.update({ status: { phase: 'online' }, entered: true, lost: false, held });
      this.startPruning();
      this.flushPending();
      return;
    }
    if (frame.type === 'pong') return;
    if (frame.type === 'waiting') return this.update({ status: { phase: 'lobby' } });
    if (frame.type === 'error') this.showError(frame.code, frame.retryAfterMs, frame.roomId, frame.clientMsgId);
    this.batches.add(frame);
  }

  private showError(code: ErrorCode, retryAfterMs: number | undefined, roomId: string | undefined, clientMsgId: string | undefined): void {
    // The room this page knows (restarted, so it forgot our session): the PIN may go to it.
    if (code === 'pin-required' && this.pin.knownRoomAsks(roomId)) return;
    const verdict = verdictOfError(code, retryAfterMs, Date.now());
    if (verdict !== null) {
      // The room closes right after this; the close handler must not retry on its own.
      if (verdict.phase === 'pin' && this.pin.isOtherRoom(roomId)) verdict.roomChanged = true;
      return this.stop(verdict);
    }
    if (code === 'slow-mode' && clientMsgId !== undefined) {
      // Not delivered, but kept: it goes again once slow mode allows, and the composer counts down.
      const wait = retryAfterMs ?? this.snapshot.chat.slowModeSeconds * 1000;
      this.update({ slowUntil: Date.now() + wait });
      this.outbox.sendLater(clientMsgId, wait, () => this.flushPending());
      return;
    }
    this.update({ notice: { code, id: ++this.noticeSerial } });
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
    this.stopPruning();
    if (this.snapshot.status.phase === 'online') this.update({ lost: true });
    this.typing.forget();
    // Nobody's typing can be known while disconnected.
    if (this.snapshot.chat.typing.length > 0) this.setChat({ ...this.snapshot.chat, typing: [] });
    if (this.pin.takeRetry()) return this.connect();
    const { phase } = this.snapshot.status;
    // Already told why (an error came first); the close changes nothing.
    if (phase === 'pin' || phase === 'stopped') return;
    const verdict = verdictOfClose(code);
    if (verdict !== null) return this.stop(verdict);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const retryAt = this.connection.retryLater(() => this.connect());
    this.update({ status: { phase: 'waiting', retryAt } });
  }

  /** Sends the pending messages while in the room, unless they are held for the person to decide. */
  private flushPending(): void {
    if (this.snapshot.status.phase !== 'online' || this.snapshot.held) return;
    this.outbox.send(this.snapshot.chat.pending);
  }

  /** One batch of frames from the room. */
  private apply(frames: ServerMessage[]): void {
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
