// The room's model as every side sees it: who is in the room and what they said. Types only; the
// room (Node), the IPC bridge and both pages share them.

/** How a participant speaks to the room. */
export type ClientKind = 'raw' | 'rich' | 'host';

/** A participant as everyone may see it (no address: peers don't learn each other's IPs). */
export interface Participant {
  id: string;
  name: string;
  kind: ClientKind;
  /** Set while the participant's connection is lost but the room still keeps their place (they may come back). */
  away?: boolean;
}

/**
 * A file shared in the room. The bytes are at `fileUrl(ref)` (common/files.ts); `id` is at least 128
 * random bits, so the URL itself is the permission to download.
 */
export interface FileRef {
  id: string;
  /** The original name, sanitised (no path, no control or bidi characters, length-capped). */
  name: string;
  /** Bytes. */
  size: number;
  /** MIME type as stored (for a picture, the format its bytes were found to be). */
  type: string;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  /** Present for a picture with a small preview (`previewUrl(ref)`): the original's size in pixels. */
  image?: { width: number; height: number };
}

/** One chat message as the room stored and numbered it. */
export interface ChatMessage {
  /** Room sequence number: strictly increasing, never reused, also across restarts with a data directory. */
  seq: number;
  /** Server time, epoch milliseconds. */
  ts: number;
  from: Participant;
  /** The text; with `files`, their caption, which may be empty. */
  text: string;
  /** Files shared with this message, in the order they were sent. */
  files?: FileRef[];
  /** Echo of the sender's own id for the message, so a client can match its queued copy. */
  clientMsgId?: string;
  /** The host removed it: `text` is empty and everyone shows "removed by the host" in its place. */
  removed?: true;
}

/** Presence changes, numbered by the last chat `seq` they follow so views can interleave them. */
export type PresenceEvent =
  | { type: 'join'; ts: number; afterSeq: number; participant: Participant }
  | { type: 'leave'; ts: number; afterSeq: number; participant: Participant; reason: LeaveReason }
  | { type: 'rename'; ts: number; afterSeq: number; participant: Participant; oldName: string }
  /** The participant's connection has been gone past the resume grace: still in the room, shown as away. */
  | { type: 'away'; ts: number; afterSeq: number; participant: Participant }
  /** An away participant resumed their session. */
  | { type: 'back'; ts: number; afterSeq: number; participant: Participant };

/**
 * Why someone left: on their own, lost, or taken out by the host (`kicked` may come back, `banned` may
 * not, `pin-changed`: the room's PIN changed and they had not given the new one).
 */
export type LeaveReason = 'left' | 'timeout' | 'kicked' | 'banned' | 'pin-changed' | 'error';

/** Someone a moderation line is about: their name then, and their id while they were in the room. */
export interface Target {
  name: string;
  /** Absent for someone who was not in the room at the time (a ban lifted, a stored mute). */
  id?: string;
}

/**
 * What the host changed, as one line in everyone's history. Kicks and bans are `leave` presence
 * events (reasons `kicked` and `banned`); turning someone away from the waiting room is the host's
 * business and no line. Numbered by `afterSeq` like presence. Never carries the PIN itself.
 */
export type ModerationEvent = { type: 'moderation'; ts: number; afterSeq: number } & (
  | { action: 'mute'; target: Target; /** Epoch ms the mute ends, null until the host lifts it. */ until: number | null }
  | { action: 'unmute'; target: Target; /** The mute ran out rather than being lifted. */ expired?: true }
  | { action: 'unban'; target: Target }
  | { action: 'lock' }
  | { action: 'unlock' }
  | { action: 'waiting-room'; on: boolean }
  | { action: 'slow-mode'; /** 0: off. */ seconds: number }
  | { action: 'pin'; change: 'set' | 'changed' | 'removed' }
  | { action: 'room-name'; name: string; oldName: string }
);

/** Everything that happens in the room besides chat, as kept with the history and replayed to late joiners. */
export type RoomEvent = PresenceEvent | ModerationEvent;

/** One entry of the stored history: a chat message or a room event (only events have a `type`). */
export type HistoryRecord = ChatMessage | RoomEvent;
