// What the page knows about the room, and how each server frame changes it. Pure functions over
// immutable state so floods can be applied in batches (one copy per batch, not per message) and so the
// rules (dedupe by seq, pending until the room's copy arrives, presence) are testable without a browser.
import { interleave, isRoomEvent, tombstone } from '../../common/history.js';
import type { ErrorCode, RoomInfo, ServerMessage, WelcomeMessage } from '../../common/protocol.js';
import { DEFAULT_LIMITS } from '../../common/limits.js';
import type { ChatMessage, ModerationEvent, Participant, PresenceEvent } from '../../common/model.js';
import { DEFAULT_SETTINGS } from '../../common/settings.js';
import { isPresenceLine, type PresenceLine } from '../shared/shared-strings.js';

/** Timeline entries kept in memory; older ones are dropped (the host keeps the full history). */
export const MAX_TIMELINE = 10_000;
/** A typing notice expires on its own if the "stopped typing" frame never comes. */
export const TYPING_TTL_MS = 6_000;

export type TimelineItem =
  | { kind: 'chat'; key: string; message: ChatMessage; own: boolean }
  | { kind: 'presence'; key: string; event: PresenceLine }
  /** Something the host did (mute, lock, slow mode, the room's name…). */
  | { kind: 'moderation'; key: string; event: ModerationEvent }
  /** The room could not hand over everything missed while offline (it restarted without its log). */
  | { kind: 'gap'; key: string }
  /** The host cleared the history: everything before this line is gone. */
  | { kind: 'cleared'; key: string }
  /** A different room (another `RoomInfo.id`) answers at this address now: what follows is from it. */
  | { kind: 'room-changed'; key: string };

/** A stored upload a pending message shares. */
export interface PendingFile {
  uploadId: string;
  name: string;
  size: number;
  type: string;
}

export interface PendingMessage {
  clientMsgId: string;
  text: string;
  /** Uploads it shares (complete already: the room delivers them only stored). */
  files?: PendingFile[];
  createdAt: number;
  /** Set when the room refused it; the text is kept so nothing is lost silently. */
  error?: ErrorCode;
}

export interface Typist {
  participant: Participant;
  until: number;
}

export interface ChatState {
  me: Participant | null;
  /** The id of the room the last welcome came from (`RoomInfo.id`); null before the first. */
  roomId: string | null;
  /** Every participant id this page has had in this room; each room session may hand out a new one. */
  myIds: readonly string[];
  roomName: string;
  maxMessageBytes: number;
  /** Longest name the room keeps, in characters. */
  maxNameLength: number;
  maxFileBytes: number;
  maxUploadsAtOnce: number;
  /** The room takes no newcomers now. */
  locked: boolean;
  /** One message per this many seconds (0: off). */
  slowModeSeconds: number;
  /** Set while the host has this page muted: until when (this device's clock), null until lifted. */
  muted: { until: number | null } | null;
  /** Host first, then in order of arrival. */
  participants: readonly Participant[];
  timeline: readonly TimelineItem[];
  /** Highest chat `seq` seen from the current room numbering. */
  lastSeq: number;
  /** Bumped when the room's numbering starts over (a room restarted without its log), to keep keys unique. */
  epoch: number;
  /** Counter for the keys of timeline lines that have no `seq` of their own. */
  serial: number;
  /** Own messages not yet confirmed by the room, oldest first. */
  pending: readonly PendingMessage[];
  typing: readonly Typist[];
}

export const initialChatState: ChatState = {
  me: null,
  roomId: null,
  myIds: [],
  roomName: '',
  maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes,
  maxNameLength: DEFAULT_LIMITS.maxNameLength,
  maxFileBytes: DEFAULT_SETTINGS.maxFileBytes,
  maxUploadsAtOnce: DEFAULT_SETTINGS.maxUploadsAtOnce,
  locked: false,
  slowModeSeconds: 0,
  muted: null,
  participants: [],
  timeline: [],
  lastSeq: 0,
  epoch: 0,
  serial: 0,
  pending: [],
  typing: [],
};

export interface ApplyResult {
  state: ChatState;
  /** Chat messages from other people that are new to this page (for unread counts and sound). */
  incoming: number;
}

/**
 * File messages drawn per render at most: each brings pictures, whose elements cost far more to create
 * than text, so a burst of them is spread over several renders instead of one long task.
 */
export const MAX_FILE_MESSAGES_PER_RENDER = 10;

/** Splits waiting frames into this render's (all of them, up to the file-message cap) and the rest. */
export function splitRenderBatch(frames: readonly ServerMessage[]): { now: ServerMessage[]; later: ServerMessage[] } {
  let files = 0;
  const cut = frames.findIndex((f) => f.type === 'chat' && f.files !== undefined && ++files > MAX_FILE_MESSAGES_PER_RENDER);
  return cut === -1 ? { now: [...frames], later: [] } : { now: frames.slice(0, cut), later: frames.slice(cut) };
}

/** Applies a batch of server frames in order. */
export function applyServerMessages(state: ChatState, frames: readonly ServerMessage[], now: number): ApplyResult {
  const draft = new Draft(state);
  for (const frame of frames) draft.apply(frame, now);
  return { state: draft.finish(), incoming: draft.incoming };
}

export function addPending(state: ChatState, message: PendingMessage): ChatState {
  return { ...state, pending: [...state.pending, message] };
}

export function removePending(state: ChatState, clientMsgId: string): ChatState {
  return { ...state, pending: state.pending.filter((p) => p.clientMsgId !== clientMsgId) };
}

/** Drops typing notices past their expiry; returns the same object when nothing changed. */
export function pruneTyping(state: ChatState, now: number): ChatState {
  const typing = state.typing.filter((t) => t.until > now);
  return typing.length === state.typing.length ? state : { ...state, typing };
}

export function isHost(participant: Participant): boolean {
  return participant.kind === 'host';
}

function sortParticipants(list: Participant[]): Participant[] {
  // Stable sort keeps arrival order within each group.
  return list.sort((a, b) => Number(isHost(b)) - Number(isHost(a)));
}

/** Mutable working copy for one batch; arrays are copied on first write only. */
class Draft {
  incoming = 0;
  private s: ChatState;
  private timeline: TimelineItem[] | null = null;

  constructor(state: ChatState) {
    this.s = { ...state };
  }

  apply(frame: ServerMessage, now: number): void {
    switch (frame.type) {
      case 'welcome':
        return this.welcome(frame, now);
      case 'chat':
        return this.chat(frame, true);
      case 'join':
      case 'leave':
      case 'rename':
      case 'away':
      case 'back':
        return this.presence(frame);
      case 'moderation':
        return this.moderation(frame, now);
      case 'room':
        return this.room(frame.room);
      case 'message-removed':
        return this.removed(frame.seq);
      case 'waiting':
        return; // The connection's state (room-client.ts), not the room's.
      case 'typing':
        return this.typing(frame.participant, frame.typing, now);
      case 'error':
        return this.error(frame.code, frame.clientMsgId);
      case 'history-cleared':
        return this.cleared(frame.lastSeq);
    }
  }

  finish(): ChatState {
    if (this.timeline) {
      // The draft is already a private copy: trim it in place rather than copying it again.
      const overflow = this.timeline.length - MAX_TIMELINE;
      if (overflow > 0) this.timeline.splice(0, overflow);
      this.s.timeline = this.timeline;
    }
    return this.s;
  }

  private push(item: TimelineItem): void {
    this.timeline ??= this.s.timeline.slice();
    this.timeline.push(item);
  }

  /** The key of a timeline line that has no `seq` of its own. */
  private nextKey(): string {
    return `p:${(this.s.serial += 1)}`;
  }

  /**
   * A join, leave or rename as a line in the log. Our own arrival is the welcome: a line saying so would
   * only repeat it. Away and back show in the People list only: a phone that sleeps now and then would
   * fill the log with them.
   */
  private presenceLine(event: PresenceEvent): void {
    if (!isPresenceLine(event) || (event.type === 'join' && this.s.myIds.includes(event.participant.id))) return;
    this.push({ kind: 'presence', key: this.nextKey(), event });
  }

  private welcome(w: WelcomeMessage, now: number): void {
    const s = this.s;
    const wasConnected = s.lastSeq > 0 || s.timeline.length > 0;
    const otherRoom = s.roomId !== null && w.room.id !== s.roomId;
    if (otherRoom) {
      // Another room: its ids and numbers have nothing to do with the last one's, and nobody's
      // messages in it are ours.
      s.myIds = [];
      s.epoch += 1;
      s.lastSeq = 0;
      this.push({ kind: 'room-changed', key: this.nextKey() });
    } else if (w.lastSeq < s.lastSeq) {
      // A different room numbering (the room restarted without its log): start counting again.
      s.epoch += 1;
      s.lastSeq = 0;
    }
    s.roomId = w.room.id;
    s.me = w.you;
    if (!s.myIds.includes(w.you.id)) s.myIds = [...s.myIds, w.you.id];
    this.room(w.room);
    s.muted = w.muted ? { until: w.muted.forMs === null ? null : now + w.muted.forMs } : null;
    s.participants = sortParticipants([...w.participants]);
    s.typing = [];
    const fresh = w.history.filter((m) => m.seq > s.lastSeq);
    const first = fresh[0];
    if (wasConnected && !w.resumed && first && first.seq > s.lastSeq + 1 && s.lastSeq > 0) {
      this.push({ kind: 'gap', key: this.nextKey() });
    }
    // A page that shows nothing of this room yet gets the history as it happened, names changing along
    // the way; one that reconnects has seen those lines already.
    const events = wasConnected && !otherRoom ? [] : (w.events ?? []);
    for (const record of interleave(fresh, events)) {
      if (!isRoomEvent(record)) this.chat(record, wasConnected);
      else if (record.type === 'moderation') this.push({ kind: 'moderation', key: this.nextKey(), event: record });
      else this.presenceLine(record);
    }
  }

  private room(room: RoomInfo): void {
    const s = this.s;
    s.roomName = room.name;
    s.maxMessageBytes = room.maxMessageBytes;
    s.maxNameLength = room.maxNameLength;
    s.maxFileBytes = room.maxFileBytes;
    s.maxUploadsAtOnce = room.maxUploadsAtOnce;
    s.locked = room.locked;
    s.slowModeSeconds = room.slowModeSeconds;
  }

  private moderation(event: ModerationEvent, now: number): void {
    const s = this.s;
    if ((event.action === 'mute' || event.action === 'unmute') && event.target.id !== undefined && s.myIds.includes(event.target.id)) {
      // The room's clock may differ from this device's: what counts is how long, from now.
      s.muted = event.action === 'unmute' ? null : { until: event.until === null ? null : now + (event.until - event.ts) };
    }
    this.push({ kind: 'moderation', key: this.nextKey(), event });
  }

  private removed(seq: number): void {
    const key = `${this.s.epoch}:${seq}`;
    this.timeline ??= this.s.timeline.slice();
    const index = this.timeline.findLastIndex((item) => item.key === key);
    const item = this.timeline[index];
    if (item?.kind === 'chat') this.timeline[index] = { ...item, message: tombstone(item.message) };
  }

  private chat(message: ChatMessage, live: boolean): void {
    const s = this.s;
    if (message.seq <= s.lastSeq) return; // already shown (a resend after a resume, or a duplicate)
    s.lastSeq = message.seq;
    const pendingIndex = message.clientMsgId ? s.pending.findIndex((p) => p.clientMsgId === message.clientMsgId) : -1;
    const own = pendingIndex >= 0 || s.myIds.includes(message.from.id);
    if (pendingIndex >= 0) s.pending = s.pending.filter((_, i) => i !== pendingIndex);
    if (s.typing.some((t) => t.participant.id === message.from.id)) {
      s.typing = s.typing.filter((t) => t.participant.id !== message.from.id);
    }
    if (live && !own) this.incoming += 1;
    this.push({ kind: 'chat', key: `${s.epoch}:${message.seq}`, message, own });
  }

  private presence(event: PresenceEvent): void {
    const s = this.s;
    const who = event.participant;
    const others = s.participants.filter((p) => p.id !== who.id);
    if (event.type === 'leave') {
      s.participants = others;
      s.typing = s.typing.filter((t) => t.participant.id !== who.id);
    } else {
      const index = s.participants.findIndex((p) => p.id === who.id);
      s.participants = index >= 0 ? s.participants.map((p, i) => (i === index ? who : p)) : sortParticipants([...others, who]);
      if (s.me?.id === who.id) s.me = who;
    }
    this.presenceLine(event);
  }

  private cleared(lastSeq: number): void {
    // Numbering continues, so nothing up to `lastSeq` may come back (a resume asks from here on).
    this.s.lastSeq = Math.max(this.s.lastSeq, lastSeq);
    this.timeline = [{ kind: 'cleared', key: this.nextKey() }];
  }

  private typing(participant: Participant, typing: boolean, now: number): void {
    const s = this.s;
    if (s.myIds.includes(participant.id)) return;
    const others = s.typing.filter((t) => t.participant.id !== participant.id);
    s.typing = typing ? [...others, { participant, until: now + TYPING_TTL_MS }] : others;
  }

  private error(code: ErrorCode, clientMsgId: string | undefined): void {
    // A rate limit or slow mode only delays the message (the room keeps it, or the offline queue sends
    // it again: outbox.ts); other refusals are final for that text.
    if (!clientMsgId || code === 'rate-limited' || code === 'slow-mode') return;
    this.s.pending = this.s.pending.map((p) => (p.clientMsgId === clientMsgId ? { ...p, error: code } : p));
  }
}
