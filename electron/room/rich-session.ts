// The rich protocol `lan-chat.v1` (docs/protocol.md): JSON text frames. A client says `hello` first
// (name, PIN, or the session it resumes) and gets a `welcome` (or, in a room with a waiting room,
// `waiting` and the welcome once the host lets it in); after that each frame is dispatched by its
// `type` through a table, so a new message type is one more `handle()` call. Every field from the
// client is checked here before anything else sees it; a bad frame gets an `error` and the connection
// stays open unless the protocol says otherwise. The host's rules are asked here too: a banned or
// locked-out newcomer is refused at its hello, a muted or slowed member's chat is refused.
import type { RoomSettings } from '../../common/host-view.js';
import type { Limits } from '../../common/limits.js';
import {
  CloseCode,
  PROTOCOL_VERSION,
  type ClientMessage,
  type ErrorCode,
  type ErrorMessage,
  type HelloMessage,
  type RoomInfo,
  type WelcomeMessage,
} from '../../common/protocol.js';
import { isBlank, sanitizeName, sanitizeText } from '../../common/sanitize.js';
import type { Broadcaster } from './broadcaster.js';
import type { Connection, ProtocolSession } from './connection.js';
import { sendParts } from './fanout.js';
import type { Liveness } from './liveness.js';
import type { Lobby } from './lobby.js';
import type { Moderator } from './moderator.js';
import type { PinCheck } from './pin-check.js';
import type { RecentHistory } from './recent-history.js';
import type { RoomFiles } from './room-files.js';
import type { Member, Roster } from './roster.js';

/** While someone keeps typing, their `typing: true` is relayed at most this often. */
const TYPING_RELAY_MS = 2000;
/** A rate-limited rich client is told so at most this often. */
const RATE_NOTICE_MS = 5000;
/** Longest `clientMsgId` the room echoes. */
const MAX_CLIENT_MSG_ID = 128;
/** Most characters of a client's own input an error reply repeats. */
const MAX_ECHO = 32;
/** Share of the per-client buffered cap a welcome's history may fill, so a join never trips the cap. */
const WELCOME_HISTORY_SHARE = 0.5;
/** How a welcome's JSON ends, after the participant list. */
const WELCOME_END = Buffer.from(']}');

type MessageOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;
/** What one type of message does, once its sender has joined; `message` is unchecked beyond its `type`. */
export type RichHandler<T extends ClientMessage['type'] = ClientMessage['type']> = (
  conn: Connection,
  member: Member<Connection>,
  message: MessageOf<T>,
) => void;

export interface RichSessionParts {
  limits: Pick<Limits, 'maxMessageBytes' | 'maxNameLength' | 'maxBufferedBytesPerClient' | 'heartbeatMs'>;
  /** The room's settings now (its name for the welcome, its PIN). */
  settings: () => RoomSettings;
  /** `RoomInfo.id`. */
  roomId: string;
  roster: Roster<Connection>;
  broadcaster: Broadcaster;
  history: RecentHistory;
  liveness: Liveness;
  pins: PinCheck;
  /** Complete uploads a chat message shares (`chat.files`). */
  files: Pick<RoomFiles, 'take' | 'shared'>;
  moderator: Moderator;
  lobby: Lobby<Connection>;
  /** Whether newcomers wait for the host now. */
  waitingRoom: () => boolean;
  roomInfo: () => RoomInfo;
}

export class RichSession implements ProtocolSession {
  private readonly handlers = new Map<string, RichHandler>();

  constructor(private readonly room: RichSessionParts) {
    this.handle('chat', this.chat);
    this.handle('typing', this.typing);
    this.handle('rename', this.rename);
    this.handle('ping', (conn) => conn.send({ type: 'pong' }));
    this.handle('hello', (conn) => this.sendError(conn, 'bad-request', 'Already joined.'));
  }

  /** Makes `handler` what a joined client's messages of `type` do. */
  handle<T extends ClientMessage['type']>(type: T, handler: RichHandler<T>): void {
    // Looked up by the `type` of the message it is given, so it only ever gets its own kind.
    this.handlers.set(type, handler as unknown as RichHandler);
  }

  open(conn: Connection): void {
    this.room.liveness.expectHello(conn);
  }

  text(conn: Connection, data: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString('utf8'));
    } catch {
      this.sendError(conn, 'bad-request', 'Frames must be JSON objects.');
      return;
    }
    if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') {
      this.sendError(conn, 'bad-request', 'Frames must be JSON objects with a "type".');
      return;
    }
    const { type } = message as { type: string };
    const member = conn.member;
    if (member === null) {
      if (this.room.lobby.has(conn)) this.sendError(conn, 'waiting', 'Waiting for the host to let you in.');
      else if (type === 'hello') this.hello(conn, message as HelloMessage);
      else this.sendError(conn, 'bad-request', 'Send "hello" first.');
      return;
    }
    const handler = this.handlers.get(type);
    if (handler === undefined) this.sendError(conn, 'bad-request', `Unknown message type "${quoted(type)}".`);
    else handler(conn, member, message as ClientMessage);
  }

  paused(conn: Connection): void {
    const now = performance.now();
    if (conn.member === null || now - conn.rateNoticeAt < RATE_NOTICE_MS) return;
    conn.rateNoticeAt = now;
    this.sendError(conn, 'rate-limited', 'Slow down: you are sending faster than the room takes. Nothing was lost.');
  }

  private hello(conn: Connection, hello: HelloMessage): void {
    if (hello.v !== PROTOCOL_VERSION) {
      this.sendError(conn, 'bad-request', `Unsupported protocol version; this room speaks ${PROTOCOL_VERSION}.`);
      conn.end('error', CloseCode.protocolError, 'unsupported version');
      return;
    }
    if (
      typeof hello.name !== 'string' ||
      (hello.lastSeq !== undefined && !isSeq(hello.lastSeq)) ||
      !isOptionalString(hello.session) ||
      !isOptionalString(hello.pin)
    ) {
      this.sendError(conn, 'bad-request', '"name" must be a string, "lastSeq" a whole number, "session" and "pin" strings.');
      return;
    }
    const { roster, moderator, liveness } = this.room;
    const resumed = hello.session === undefined ? undefined : roster.bySession(hello.session);
    // A valid session proves the PIN was given before, and that its owner is in the room (resume works
    // in a locked room, and never waits).
    if (resumed !== undefined) {
      liveness.clearHelloDeadline(conn);
      this.enter(conn, hello, resumed, resumed.presentedPin);
      return;
    }
    // An old token the room no longer honours still tells a banned or muted person apart.
    const refusal = moderator.doorRefusal(conn.address, hello.session ?? null);
    if (refusal !== null) {
      liveness.clearHelloDeadline(conn);
      moderator.refuse(conn, refusal);
      return;
    }
    const pin = hello.pin ?? conn.urlPin;
    if (!this.pinAdmits(conn, pin)) return;
    liveness.clearHelloDeadline(conn);
    const presentedPin = this.room.settings().pin === null ? null : (pin ?? null);
    if (!this.room.waitingRoom()) {
      this.enter(conn, hello, undefined, presentedPin);
      return;
    }
    const name = roster.cleanName(hello.name) || roster.newGuestName();
    this.room.lobby.add(conn, { name, kind: 'rich', address: conn.address }, presentedPin, () =>
      this.enter(conn, { ...hello, name }, undefined, presentedPin),
    );
    conn.send({ type: 'waiting' });
  }

  /** `conn` is in: as the member it resumes, or as a newcomer. Sends its welcome. */
  private enter(conn: Connection, hello: HelloMessage, resumed: Member<Connection> | undefined, presentedPin: string | null): void {
    const { roster, broadcaster, history, limits, moderator } = this.room;
    let member: Member<Connection>;
    if (resumed !== undefined) {
      member = resumed;
      roster.resume(member, conn);
      // What this client still shows from before a clear it missed goes first, as it did for everyone else.
      if (hello.lastSeq !== undefined && hello.lastSeq > 0 && hello.lastSeq <= history.clearedSeq) {
        conn.send({ type: 'history-cleared', lastSeq: history.clearedSeq });
      }
    } else {
      member = roster.join(conn, hello.name, 'rich');
      moderator.joined(member, presentedPin, hello.session ?? null);
    }
    broadcaster.addRichTarget(conn);
    const budget = limits.maxBufferedBytesPerClient * WELCOME_HISTORY_SHARE;
    const { history: missed, resumed: continuous } = history.since(hello.lastSeq, budget);
    const events = continuous ? [] : history.eventsAmong(missed);
    const welcome: Omit<WelcomeMessage, 'participants' | 'events'> = {
      type: 'welcome',
      v: PROTOCOL_VERSION,
      you: member.participant,
      session: member.session!,
      room: this.room.roomInfo(),
      history: missed,
      resumed: continuous,
      lastSeq: history.deliveredSeq,
    };
    const muted = moderator.muteState(member);
    if (muted !== undefined) welcome.muted = muted;
    // The events go out as the JSON kept with them, the participant list as the bytes the roster keeps
    // for every welcome.
    const json = JSON.stringify(welcome);
    if (!conn.writable()) return;
    const eventsJson = events.map((e) => e.json).join(',');
    sendParts(conn, [
      Buffer.from(`${json.slice(0, -1)},"events":[${eventsJson}],"participants":[`),
      roster.participantList().bytes(),
      WELCOME_END,
    ]);
  }

  /** True when the room's PIN lets `conn` in; otherwise tells the client why and closes. */
  private pinAdmits(conn: Connection, given: string | null | undefined): boolean {
    const verdict = this.room.pins.check(this.room.settings().pin, given, conn.sender);
    if (verdict.ok) return true;
    switch (verdict.problem) {
      case 'missing':
        conn.send({ type: 'error', code: 'pin-required', message: 'This room has a PIN.', roomId: this.room.roomId });
        conn.end('error', CloseCode.pinRequired, 'PIN required');
        break;
      case 'locked':
      case 'busy': {
        const seconds = Math.ceil(verdict.waitMs / 1000);
        const locked = verdict.problem === 'locked';
        conn.send({
          type: 'error',
          code: locked ? 'pin-locked' : 'pin-rate-limited',
          message: `Too many wrong PINs ${locked ? 'from this address' : 'in this room lately'}: wait ${seconds} s and try again.`,
          retryAfterMs: verdict.waitMs,
          roomId: this.room.roomId,
        });
        conn.end('error', CloseCode.pinWrong, `too many wrong PINs; wait ${seconds} s`);
        break;
      }
      case 'wrong':
        conn.send({ type: 'error', code: 'pin-wrong', message: 'Wrong PIN.', roomId: this.room.roomId });
        conn.end('error', CloseCode.pinWrong, 'wrong PIN');
        break;
    }
    return false;
  }

  private readonly chat: RichHandler<'chat'> = (conn, member, { text, clientMsgId, files }) => {
    const id = typeof clientMsgId === 'string' && clientMsgId.length <= MAX_CLIENT_MSG_ID ? clientMsgId : undefined;
    if (typeof text !== 'string' || (clientMsgId !== undefined && id === undefined) || (files !== undefined && !Array.isArray(files))) {
      this.sendError(
        conn,
        'bad-request',
        `"text" must be a string, "clientMsgId" a string of at most ${MAX_CLIENT_MSG_ID} characters and "files" a list of upload ids.`,
        id,
      );
      return;
    }
    const clean = sanitizeText(text);
    if (isBlank(clean) && files === undefined) {
      this.sendError(conn, 'empty', 'The message is empty.', id);
      return;
    }
    const max = this.room.limits.maxMessageBytes;
    if (Buffer.byteLength(clean) > max) {
      this.sendError(conn, 'too-long', `Messages are limited to ${max} bytes.`, id);
      return;
    }
    const refusal = this.room.moderator.chatRefusal(member);
    if (refusal !== null) {
      this.sendError(conn, refusal.code, refusal.message, id, refusal.retryAfterMs);
      return;
    }
    // Taken last, so a message refused for its text or by the host's rules leaves its uploads for a second try.
    const refs = files === undefined ? undefined : this.room.files.take(member.participant.id, files);
    if (refs === null) {
      this.sendError(conn, 'files-unavailable', 'Those files are not complete uploads of yours, or were sent already.', id);
      return;
    }
    member.typing = false;
    const message = this.room.broadcaster.accept(member.participant, refs !== undefined && isBlank(clean) ? '' : clean, id, null, refs);
    if (refs !== undefined) this.room.files.shared(refs, message.seq);
  };

  private readonly typing: RichHandler<'typing'> = (conn, member, { typing }) => {
    if (typeof typing !== 'boolean') {
      this.sendError(conn, 'bad-request', '"typing" must be true or false.');
      return;
    }
    // Someone muted says nothing, not even that they are typing.
    if (member.mute !== null) return;
    const now = Date.now();
    if (typing === member.typing && (!typing || now - member.typingRelayedAt < TYPING_RELAY_MS)) return;
    member.typing = typing;
    member.typingRelayedAt = now;
    this.room.broadcaster.broadcastRich({ type: 'typing', participant: member.participant, typing }, conn);
  };

  private readonly rename: RichHandler<'rename'> = (conn, member, { name }) => {
    if (typeof name !== 'string' || sanitizeName(name, this.room.limits.maxNameLength) === '') {
      this.sendError(conn, 'bad-request', '"name" must be a non-empty string.');
      return;
    }
    if (member.mute !== null) {
      this.sendError(conn, 'muted', 'The host muted you: you cannot change your name either.');
      return;
    }
    this.room.roster.rename(member, name);
  };

  private sendError(conn: Connection, code: ErrorCode, message: string, clientMsgId?: string, retryAfterMs?: number): void {
    const error: ErrorMessage = { type: 'error', code, message };
    if (clientMsgId !== undefined) error.clientMsgId = clientMsgId;
    if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
    conn.send(error);
  }
}

/** Untrusted text in a reply, cut short: a reply never echoes what a client sent at length. */
function quoted(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_ECHO ? text : `${chars.slice(0, MAX_ECHO).join('')}…`;
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}
