// The wire protocols: the subprotocol names, and the rich protocol's JSON text frames, error and close
// codes. The room, the peer page and any future client speak it; docs/protocol.md describes it for people.
import type { ChatMessage, ModerationEvent, Participant, PresenceEvent, RoomEvent } from './model.js';

/** The original's subprotocol: raw UTF-8 text, byte-exact broadcast. */
export const RAW_PROTOCOL = 'lws-minimal';
/** The rich protocol; the version is part of the name so an incompatible change gets a new name. */
export const RICH_PROTOCOL = 'lan-chat.v1';
export const PROTOCOL_VERSION = 1;

// ---- client -> server ------------------------------------------------------------------------------

/** First frame of every rich connection. Anything else first is a protocol error. */
export interface HelloMessage {
  type: 'hello';
  v: typeof PROTOCOL_VERSION;
  /** Wanted display name; the room sanitises it and makes it unique. */
  name: string;
  /** Present when reconnecting: the session token from the last `welcome`. */
  session?: string;
  /** Present when reconnecting: the highest chat `seq` this client has seen. */
  lastSeq?: number;
  /** Room PIN, when the room has one. */
  pin?: string;
}

export interface SendChatMessage {
  type: 'chat';
  /** The text; with `files`, their caption, which may be empty. */
  text: string;
  /**
   * Completed uploads of this client (ids from the upload API, common/files.ts) to share with this
   * message, at most `MAX_FILES_PER_MESSAGE`. Each can be sent once.
   */
  files?: string[];
  /** Client's own id for this message (the offline queue uses it); echoed back in the room's copy. */
  clientMsgId?: string;
}

export interface TypingMessage {
  type: 'typing';
  typing: boolean;
}

export interface RenameMessage {
  type: 'rename';
  name: string;
}

/** Asks the room for a `pong`: the page checks with it that a quiet connection still works. */
export interface PingMessage {
  type: 'ping';
}

export type ClientMessage = HelloMessage | SendChatMessage | TypingMessage | RenameMessage | PingMessage;

// ---- server -> client ------------------------------------------------------------------------------

/** The room as a client sees it; sent in the welcome and again (`room`) whenever it changes. */
export interface RoomInfo {
  /**
   * Who the room is: stable for a data directory across restarts, random for each run of a room that
   * stores nothing. A page remembers it and sends its PIN on its own only to the room it knows; it is no
   * secret (a PIN refusal carries it too), so it tells rooms apart, it does not prove one.
   */
  id: string;
  name: string;
  /** The host's display name. */
  hostName: string;
  /** Largest chat message in UTF-8 bytes. */
  maxMessageBytes: number;
  /** Longest display name in characters (code points); longer ones are cut. */
  maxNameLength: number;
  /**
   * A client should hear from the room at least this often (ms): after half of it in silence it sends
   * `ping`, and a connection that stays silent for the other half is dead.
   */
  heartbeatMs: number;
  /** Largest file the room takes, in bytes. */
  maxFileBytes: number;
  /** Uploads one person may have running at once. */
  maxUploadsAtOnce: number;
  /** No newcomers get in; those inside stay and may resume. */
  locked: boolean;
  /** Slow mode: a guest may send one message per this many seconds (0: off; the host is exempt). */
  slowModeSeconds: number;
}

/**
 * `GET /api/room`: what the join screen shows before anyone joins. Nothing a PIN protects (no
 * history, no people).
 */
export interface RoomPreview {
  name: string;
  hostName: string;
  pinRequired: boolean;
  maxNameLength: number;
}

/** You may read but not send; `forMs` until it ends by itself, null until the host lifts it. */
export interface MuteState {
  forMs: number | null;
}

export interface WelcomeMessage {
  type: 'welcome';
  v: typeof PROTOCOL_VERSION;
  you: Participant;
  /** Opaque token: send it back in `hello.session` to resume as the same participant. */
  session: string;
  room: RoomInfo;
  /** Everyone present, the host first. */
  participants: Participant[];
  /**
   * Chat the client has not seen: after `hello.lastSeq` when resuming, else the recent history.
   * Always in `seq` order with no gaps inside the list.
   */
  history: ChatMessage[];
  /**
   * The room events (joins, leaves, renames, moderation) among `history`, oldest first, placed by their
   * `afterSeq`: the rename trail that makes old names in the history match. Empty when resuming.
   */
  events: RoomEvent[];
  /** Present when the host has muted you. */
  muted?: MuteState;
  /** True when `history` continues exactly from `hello.lastSeq` (nothing was lost in between). */
  resumed: boolean;
  lastSeq: number;
}

export interface ChatBroadcast extends ChatMessage {
  type: 'chat';
}

export type PresenceBroadcast = PresenceEvent;

/** A line of moderation for everyone's history (also kept and replayed in welcomes). */
export type ModerationBroadcast = ModerationEvent;

/** The room's name, host name, lock or slow mode changed. */
export interface RoomUpdateMessage {
  type: 'room';
  room: RoomInfo;
}

/** The host removed chat message `seq`: show "removed by the host" in its place. */
export interface MessageRemovedMessage {
  type: 'message-removed';
  seq: number;
}

/** The answer to `hello` in a room with a waiting room: the `welcome` follows when the host lets you in. */
export interface WaitingMessage {
  type: 'waiting';
}

export interface TypingBroadcast {
  type: 'typing';
  participant: Participant;
  typing: boolean;
}

/** Codes a client can act on; the connection stays open unless the code says it closes. */
export type ErrorCode =
  | 'bad-request' // unparseable or unknown frame
  | 'too-long' // message over the size limit (text frames over the wire limit close with 1009 instead)
  | 'empty' // nothing but whitespace
  | 'rate-limited' // slow down; nothing was lost, the room is pausing reads
  | 'pin-required' // closes with 4001 after this
  | 'pin-wrong' // closes with 4003 after this
  | 'pin-locked' // too many wrong PINs from this address: closes with 4003; try again after `retryAfterMs`
  | 'pin-rate-limited' // too many wrong PINs in the whole room lately: closes with 4003; try again after `retryAfterMs`
  | 'files-unavailable' // a chat's `files` named an upload that is not this client's, not complete, or already sent
  | 'muted' // the host muted you: nothing you send is delivered (`retryAfterMs` until it ends, absent: until lifted)
  | 'slow-mode' // slow mode: send again after `retryAfterMs`; the message was not delivered
  | 'waiting' // you are in the waiting room: nothing is accepted until the host lets you in
  | 'banned' // closes with 4020; `retryAfterMs` until the ban ends, absent: until the host lifts it
  | 'locked' // the room takes no newcomers now: closes with 4021
  | 'turned-away' // the host did not let you in from the waiting room: closes with 4022
  | 'pin-changed'; // the room's PIN changed and this session had not given the new one: closes with 4023

export interface ErrorMessage {
  type: 'error';
  code: ErrorCode;
  message: string;
  /** The `clientMsgId` of the chat this error is about, when there is one. */
  clientMsgId?: string;
  /** `pin-locked`, `pin-rate-limited`: milliseconds until a PIN may be tried again; `muted`, `slow-mode`, `banned`: until it is over. */
  retryAfterMs?: number;
  /** On the PIN refusals: the room's id (`RoomInfo.id`), so a page can tell whether this is the room it knows. */
  roomId?: string;
}

/**
 * The host cleared the history: drop every chat message shown so far. Numbering continues: the next
 * chat has a `seq` above `lastSeq`, and a later resume with `hello.lastSeq` works as before. A client
 * that resumes from before a clear it missed gets this just before its `welcome`.
 */
export interface HistoryClearedMessage {
  type: 'history-cleared';
  /** The last `seq` handed out before the clear. */
  lastSeq: number;
}

/** The answer to `ping`. */
export interface PongMessage {
  type: 'pong';
}

export type ServerMessage =
  | WelcomeMessage
  | ChatBroadcast
  | PresenceBroadcast
  | ModerationBroadcast
  | TypingBroadcast
  | ErrorMessage
  | HistoryClearedMessage
  | PongMessage
  | RoomUpdateMessage
  | MessageRemovedMessage
  | WaitingMessage;

/** Application close codes (4000-4999 are ours by RFC 6455). */
export const CloseCode = {
  /** Standard codes we send. */
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  /** Ours. */
  pinRequired: 4001,
  kicked: 4002,
  pinWrong: 4003,
  /**
   * From a client: it gave up on this connection (it heard nothing in time, or the device went
   * offline) and resumes on a new one. A drop, not a leave: the room keeps the participant's place.
   */
  reconnecting: 4010,
  /** Moderation: the room ended this connection on the host's word, or keeps it out. */
  banned: 4020,
  locked: 4021,
  turnedAway: 4022,
  pinChanged: 4023,
} as const;
