// The host's actions on people and on the room's door: kick, ban, mute, lock, the waiting room, slow
// mode, a new PIN. Each changes the rules (moderation.ts) and the people they cover, and is announced
// as a room event (kept with the history, replayed to late joiners, shown by every front end). Also
// the questions the sessions ask on the way: may this newcomer come in, may this member send now.
import type { EventEmitter } from 'node:events';
import type { ModerationEvent, Participant, Target } from '../../common/model.js';
import { CloseCode, RAW_PROTOCOL, type ErrorCode, type ErrorMessage, type MuteState, type RoomInfo } from '../../common/protocol.js';
import type { Restriction } from '../../common/host-view.js';
import type { Broadcaster } from './broadcaster.js';
import type { Connection } from './connection.js';
import { duration, roomEventText } from './event-text.js';
import type { Lobby } from './lobby.js';
import type { Moderation, RestrictionKind, Subject } from './moderation.js';
import type { StoredRestriction } from './moderation-store.js';
import type { RoomEventMap } from './room-events.js';
import type { Member, Roster } from './roster.js';

/** A refused member is told so at most this often (a flood gets one notice, not one per message). */
const REFUSAL_NOTICE_MS = 5000;

/** Why a newcomer stays out: the error they are sent and the close code that follows. */
export interface DoorRefusal {
  code: Extract<ErrorCode, 'banned' | 'locked'>;
  close: number;
  message: string;
  retryAfterMs?: number;
}

/** Why a member's chat message is not delivered. */
export interface ChatRefusal {
  code: Extract<ErrorCode, 'muted' | 'slow-mode'>;
  message: string;
  retryAfterMs?: number;
}

type Action = ModerationEvent extends infer E ? (E extends ModerationEvent ? Omit<E, 'type' | 'ts' | 'afterSeq'> : never) : never;

export interface ModeratorParts {
  roster: Roster<Connection>;
  broadcaster: Broadcaster;
  moderation: Moderation;
  lobby: Lobby<Connection>;
  /** The room: 'moderation' for every announcement. */
  room: EventEmitter<RoomEventMap>;
  roomInfo: () => RoomInfo;
  /** The room's status changed (the lock is part of it). */
  statusChanged: () => void;
  /** The host's lists (people, waiting, bans, mutes) changed. */
  changed: () => void;
}

export class Moderator {
  constructor(private readonly parts: ModeratorParts) {}

  // ---- people -------------------------------------------------------------------------------------

  /** Out now, may come back. False for an unknown id. */
  kick(id: string): boolean {
    return this.parts.roster.kick(id);
  }

  /**
   * Out now, with everyone else from their address, and refused (by address and by session) until
   * `minutes` pass (null: until lifted). Null for an unknown id; a `RangeError` for bad minutes.
   */
  ban(id: string, minutes: number | null): Restriction | null {
    const { roster, moderation, lobby } = this.parts;
    const member = roster.get(id);
    if (member === undefined) return null;
    const ban = moderation.ban(subject(member), minutes);
    const refusal = this.banRefusal(ban);
    const covered = [...roster.all()].filter((m) => m === member || m.address === ban.address);
    for (const m of covered) {
      m.conn?.send(errorOf(refusal));
      roster.expel(m, 'banned', CloseCode.banned, 'banned by the host');
    }
    for (const entry of [...lobby]) if (entry.address === ban.address) this.refuse(entry.conn, refusal);
    this.parts.changed();
    return { ...ban };
  }

  /** Lifts a ban (by its id); false when there is none. */
  unban(id: string): boolean {
    const lifted = this.parts.moderation.liftBan(id);
    if (lifted === undefined) return false;
    this.announce({ action: 'unban', target: { name: lifted.name } });
    this.parts.changed();
    return true;
  }

  /** Lifts every ban; returns how many there were. */
  unbanAll(): number {
    const bans = this.parts.moderation.bans();
    for (const ban of bans) this.unban(ban.id);
    return bans.length;
  }

  /**
   * Stays and reads, cannot send, for `minutes` (null: until lifted), also after a reload or a restart
   * of the room (the mute covers their session). Null for an unknown id; a `RangeError` for bad minutes.
   */
  mute(id: string, minutes: number | null): Restriction | null {
    const { roster, moderation } = this.parts;
    const member = roster.get(id);
    if (member === undefined) return null;
    const mute = moderation.mute(subject(member), minutes);
    member.mute = mute;
    this.announce({ action: 'mute', target: target(member.participant), until: mute.until });
    this.tellRaw(member, `* The host muted you: nothing you send reaches the room ${lasting(moderation.remainingMs(mute))}.`);
    this.parts.changed();
    return { ...mute };
  }

  /** Lifts a mute (by its id); false when there is none. */
  unmute(id: string): boolean {
    const lifted = this.parts.moderation.liftMute(id);
    if (lifted === undefined) return false;
    this.released(lifted, false);
    return true;
  }

  /** A ban or mute ran out (moderation.ts's timer). */
  expired(kind: RestrictionKind, restriction: StoredRestriction): void {
    if (kind === 'mute') this.released(restriction, true);
    else this.parts.changed();
  }

  // ---- the door -----------------------------------------------------------------------------------

  setLocked(locked: boolean): boolean {
    if (!this.parts.moderation.setLocked(locked)) return false;
    this.announce({ action: locked ? 'lock' : 'unlock' });
    this.roomChanged();
    this.parts.statusChanged();
    this.parts.changed();
    return true;
  }

  /** Turning it off lets everyone waiting in. */
  setWaitingRoom(on: boolean): boolean {
    if (!this.parts.moderation.setWaitingRoom(on)) return false;
    this.announce({ action: 'waiting-room', on });
    if (!on) this.admitAll();
    this.parts.changed();
    return true;
  }

  /** Lets one person in from the waiting room; false when nobody waits under that id. */
  admit(id: string): boolean {
    const entry = this.parts.lobby.get(id);
    if (entry === undefined) return false;
    this.parts.lobby.remove(entry.conn);
    entry.enter();
    return true;
  }

  /** Lets everyone waiting in, longest waiting first; returns how many. */
  admitAll(): number {
    let count = 0;
    for (const entry of [...this.parts.lobby]) if (this.admit(entry.id)) count++;
    return count;
  }

  /** Sends someone away from the waiting room; false when nobody waits under that id. */
  turnAway(id: string): boolean {
    const entry = this.parts.lobby.get(id);
    if (entry === undefined) return false;
    this.refuse(entry.conn, { code: 'turned-away', close: CloseCode.turnedAway, message: 'The host did not let you in.' });
    return true;
  }

  /** One message per `seconds` per guest (0: off). A `RangeError` for a bad number. */
  setSlowMode(seconds: number): boolean {
    if (!this.parts.moderation.setSlowMode(seconds)) return false;
    const event = this.announce({ action: 'slow-mode', seconds });
    this.parts.broadcaster.relayRaw(Buffer.from(`* ${roomEventText(event)}`));
    this.roomChanged();
    this.parts.changed();
    return true;
  }

  /**
   * The PIN went from `oldPin` to `pin`. Every resumable session that did not give `pin` ends: those
   * waiting to resume leave now, those connected leave too when `removeConnected`, else stay until
   * they drop; people in the waiting room without it are sent away. Removing the PIN ends nothing.
   */
  pinChanged(oldPin: string | null, pin: string | null, removeConnected: boolean): void {
    this.announce({ action: 'pin', change: pin === null ? 'removed' : oldPin === null ? 'set' : 'changed' });
    if (pin === null) return;
    const refusal = {
      code: 'pin-changed',
      close: CloseCode.pinChanged,
      message: "The room's PIN changed: join again with the new one.",
    } as const;
    const { roster, lobby } = this.parts;
    for (const member of [...roster.all()]) {
      if (member.presentedPin === pin) continue;
      if (member.conn !== null && removeConnected) {
        member.conn.send(errorOf(refusal));
        roster.expel(member, 'pin-changed', refusal.close, "the room's PIN changed");
      } else {
        roster.endSession(member, 'pin-changed');
      }
    }
    for (const entry of [...lobby]) if (entry.pin !== pin) this.refuse(entry.conn, refusal);
    this.parts.changed();
  }

  roomRenamed(oldName: string, name: string): void {
    this.announce({ action: 'room-name', name, oldName });
  }

  /** Tells every rich client the room's name, host, lock and slow mode as they are now. */
  roomChanged(): void {
    this.parts.broadcaster.broadcastRich({ type: 'room', room: this.parts.roomInfo() });
  }

  // ---- what the sessions ask ------------------------------------------------------------------------

  /** Why a newcomer (not resuming) from `address`, who may bring an old session token, stays out; or null. */
  doorRefusal(address: string, session: string | null): DoorRefusal | null {
    const { moderation } = this.parts;
    const ban = moderation.banOf(address, session);
    if (ban !== undefined) return this.banRefusal(ban);
    if (moderation.locked)
      return { code: 'locked', close: CloseCode.locked, message: 'The room is locked: nobody new can join right now.' };
    return null;
  }

  /** A newcomer is in: a mute that covers an old session of theirs (a reload after a restart) applies to them. */
  joined(member: Member<Connection>, presentedPin: string | null, oldSession: string | null): void {
    member.presentedPin = presentedPin;
    const mute = this.parts.moderation.muteOf(oldSession);
    if (mute === undefined) return;
    member.mute = mute;
    if (member.session !== null) this.parts.moderation.coverSession(mute, member.session);
    this.parts.changed();
  }

  /** How a welcome tells `member` it is muted, or undefined. */
  muteState(member: Member<Connection>): MuteState | undefined {
    return member.mute === null ? undefined : { forMs: this.parts.moderation.remainingMs(member.mute) };
  }

  /**
   * Why `member` may not send a chat message now (muted, or slow mode), or null; a message let
   * through starts its slow-mode wait.
   */
  chatRefusal(member: Member<Connection>): ChatRefusal | null {
    const { moderation } = this.parts;
    if (member.mute !== null) {
      const forMs = moderation.remainingMs(member.mute);
      return {
        code: 'muted',
        message: `The host muted you: you can read, but not send ${lasting(forMs)}.`,
        ...(forMs === null ? {} : { retryAfterMs: forMs }),
      };
    }
    const slowMs = moderation.slowModeSeconds * 1000;
    // Without slow mode a message costs nothing more here (no clock read).
    if (slowMs === 0) return null;
    const now = performance.now();
    if (now - member.lastChatAt < slowMs) {
      const retryAfterMs = Math.ceil(slowMs - (now - member.lastChatAt));
      return {
        code: 'slow-mode',
        message: `Slow mode: one message every ${duration(slowMs)}. Send again in ${duration(retryAfterMs)}.`,
        retryAfterMs,
      };
    }
    member.lastChatAt = now;
    return null;
  }

  /** Whether to tell a refused member now: at most once per `REFUSAL_NOTICE_MS`. */
  shouldNotify(member: Member<Connection>): boolean {
    const now = performance.now();
    if (now - member.refusalNoticeAt < REFUSAL_NOTICE_MS) return false;
    member.refusalNoticeAt = now;
    return true;
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** A moderation line for everyone's history, the pages, the host's views. */
  private announce(action: Action): ModerationEvent {
    const event = { type: 'moderation', ts: Date.now(), afterSeq: this.parts.broadcaster.lastSeq, ...action } as ModerationEvent;
    this.parts.broadcaster.recordEvent(event);
    this.parts.room.emit('moderation', event);
    return event;
  }

  private released(mute: StoredRestriction, expired: boolean): void {
    let present = false;
    for (const m of this.parts.roster.all()) {
      if (m.mute !== mute) continue;
      present = true;
      m.mute = null;
      this.announce({ action: 'unmute', target: target(m.participant), ...(expired ? { expired: true as const } : {}) });
      this.tellRaw(m, '* You may send messages again.');
    }
    if (!present) this.announce({ action: 'unmute', target: { name: mute.name }, ...(expired ? { expired: true as const } : {}) });
    this.parts.changed();
  }

  private banRefusal(ban: StoredRestriction): DoorRefusal {
    const forMs = this.parts.moderation.remainingMs(ban);
    return {
      code: 'banned',
      close: CloseCode.banned,
      message: `You are banned from this room ${lasting(forMs)}.`,
      ...(forMs === null ? {} : { retryAfterMs: forMs }),
    };
  }

  /** Ends a connection that is not a participant (waiting, or still at its hello) with `refusal`. */
  refuse(conn: Connection, refusal: { code: ErrorCode; close: number; message: string; retryAfterMs?: number }): void {
    this.parts.lobby.remove(conn);
    if (conn.protocol === RAW_PROTOCOL) conn.sendRaw(`* ${refusal.message}`);
    else conn.send(errorOf(refusal));
    conn.end('moderation', refusal.close, refusal.code);
  }

  /** A line to one raw client (a rich one learns from the room event). */
  private tellRaw(member: Member<Connection>, line: string): void {
    if (member.protocol === RAW_PROTOCOL) member.conn?.sendRaw(line);
  }
}

function subject(member: Member<Connection>): Subject {
  return { name: member.participant.name, address: member.address, session: member.session };
}

function target(participant: Participant): Target {
  return { name: participant.name, id: participant.id };
}

function errorOf(refusal: { code: ErrorCode; message: string; retryAfterMs?: number }): ErrorMessage {
  const error: ErrorMessage = { type: 'error', code: refusal.code, message: refusal.message };
  if (refusal.retryAfterMs !== undefined) error.retryAfterMs = refusal.retryAfterMs;
  return error;
}

/** `for another 10 minutes`, or `until the host lifts it`. */
function lasting(forMs: number | null): string {
  return forMs === null ? 'until the host lifts it' : `for another ${duration(forMs)}`;
}
