// Who is in the room: participant ids, names that look like nobody else's (the host's included),
// resume sessions (one person may be in the room from several tabs at once), the grace a dropped rich
// participant gets to come back unseen and then the time they are shown as away, and the participant
// list a welcome carries, kept encoded between welcomes. No sockets here: a member's connection is
// anything that is a `Seat`, and what a change means for the clients is the `RosterEvents` listener's
// business.
import { randomBytes } from 'node:crypto';
import type { ClientInfo } from '../../common/host-view.js';
import type { Limits } from '../../common/limits.js';
import type { LeaveReason, Participant } from '../../common/model.js';
import { guestName } from '../../common/people.js';
import { CloseCode } from '../../common/protocol.js';
import { nameKeys, sanitizeName, uniqueName, withoutHostMarker } from '../../common/sanitize.js';
import { DEFAULT_HOST_NAMES, DEFAULT_SETTINGS } from '../../common/settings.js';
import { JsonItems } from './fanout.js';
import type { EndReason } from './connection.js';
import type { Subprotocol } from './handshake.js';
import type { StoredRestriction } from './moderation-store.js';

/** The host's participant id; no client gets it. */
export const HOST_ID = 'host';

/** What the roster needs of a member's connection (the room's `Connection`; a plain object in tests). */
export interface Seat {
  member: Member<this> | null;
  readonly address: string;
  readonly protocol: Subprotocol;
  readonly connectedAt: number;
  readonly endedBy: EndReason | null;
  end(why: EndReason, code: number, reason: string): void;
}

/** A participant other than the host; a rich one outlives its connection for the resume grace. */
export interface Member<C extends Seat = Seat> {
  participant: Participant;
  /** The newest connection; null while the member waits to resume (or is away). */
  conn: C | null;
  /** Older connections of the same session that are still open: the same person in other tabs. */
  otherConns: C[];
  /** Resume token (rich only). */
  session: string | null;
  address: string;
  protocol: Subprotocol;
  connectedAt: number;
  graceTimer: NodeJS.Timeout | null;
  typing: boolean;
  typingRelayedAt: number;
  /** The mute that covers them, while the host has them muted. */
  mute: StoredRestriction | null;
  /** When (`performance.now()`) their last chat message was accepted, for slow mode; -Infinity before. */
  lastChatAt: number;
  /** The PIN they gave to get in (null in a room without one): a new PIN ends the sessions that lack it. */
  presentedPin: string | null;
  /** When (`performance.now()`) they were last told a message was refused, so a flood gets one notice. */
  refusalNoticeAt: number;
}

/** What the roster reports; the room turns it into presence events and the host's client list. */
export interface RosterEvents<C extends Seat> {
  /** `participant` joined on `conn` (which is not told of its own join). */
  joined(participant: Participant, conn: C): void;
  renamed(participant: Participant, oldName: string): void;
  left(participant: Participant, reason: LeaveReason): void;
  /** A dropped member's resume grace ran out: they are still in the room, shown as away. */
  away(participant: Participant): void;
  /** An away member resumed. */
  back(participant: Participant): void;
  /** The host's client list changed: a join, leave or rename, but also a drop into the grace or a resume. */
  changed(): void;
}

export class Roster<C extends Seat> {
  private readonly members = new Map<string, Member<C>>();
  private readonly sessions = new Map<string, Member<C>>();
  /**
   * Both keys of each member's name (`nameKeys`: names that look alike share one) -> member, for
   * uniqueness. The host's name is checked separately.
   */
  private readonly names = new Map<string, Member<C>>();
  /**
   * Ids are `<run>-<n>`: a random part drawn when the roster is made, then a counter. Pages stay open
   * across a restart of the room and keep the ids they had (to mark their own messages): an id from
   * an earlier run must never name somebody else now.
   */
  private readonly idPrefix = `${randomBytes(6).toString('hex')}-`;
  /** Members without a connection (in the resume grace or away), longest waiting first. */
  private readonly waiting = new Set<Member<C>>();
  private nextId = 1;
  private nextGuest = 1;
  /** `participantList()`; null until a welcome needs it, and after a leave or rename. */
  private participantItems: JsonItems | null = null;
  private hostParticipant: Participant;
  private hostKeys: readonly string[];
  /** Set while the room shuts down: members then go without a word and without a grace. */
  private closing = false;

  constructor(
    hostName: string,
    private readonly limits: Pick<Limits, 'maxNameLength' | 'resumeGraceMs' | 'awayMs' | 'pageGoneGraceMs' | 'maxConnections'>,
    private readonly events: RosterEvents<C>,
  ) {
    this.hostParticipant = { id: HOST_ID, name: hostName, kind: 'host' };
    this.hostKeys = hostNameKeys(hostName);
  }

  get host(): Participant {
    return this.hostParticipant;
  }

  /** Members, rich ones waiting to resume included. */
  get size(): number {
    return this.members.size;
  }

  get(id: string): Member<C> | undefined {
    return this.members.get(id);
  }

  /** Every member, rich ones waiting to resume included. */
  all(): IterableIterator<Member<C>> {
    return this.members.values();
  }

  /** The member a resume token belongs to, while it is valid. */
  bySession(token: string): Member<C> | undefined {
    return this.sessions.get(token);
  }

  /** Everyone except the host, as the host sees them. */
  clients(): ClientInfo[] {
    const list: ClientInfo[] = [];
    for (const m of this.members.values()) {
      const info: ClientInfo = { ...m.participant, address: m.address, protocol: m.protocol, connectedAt: m.connectedAt };
      if (m.mute !== null) info.muted = { id: m.mute.id, until: m.mute.until };
      list.push(info);
    }
    return list;
  }

  /**
   * A new participant on `conn` under a cleaned, unique form of `wantedName` (a guest name when nothing
   * is left of it). A rich one gets a resume token.
   */
  join(conn: C, wantedName: string, kind: 'raw' | 'rich'): Member<C> {
    const wanted = this.cleanName(wantedName) || this.newGuestName();
    const participant: Participant = { id: `${this.idPrefix}${this.nextId++}`, name: this.uniqueName(wanted, null), kind };
    const member: Member<C> = {
      participant,
      conn,
      otherConns: [],
      session: kind === 'rich' ? randomBytes(18).toString('base64url') : null,
      address: conn.address,
      protocol: conn.protocol,
      connectedAt: conn.connectedAt,
      graceTimer: null,
      typing: false,
      typingRelayedAt: 0,
      mute: null,
      lastChatAt: -Infinity,
      presentedPin: null,
      refusalNoticeAt: -Infinity,
    };
    conn.member = member;
    this.members.set(participant.id, member);
    this.claimName(member);
    if (member.session !== null) this.sessions.set(member.session, member);
    this.participantItems?.push(participant);
    this.events.joined(participant, conn);
    this.events.changed();
    return member;
  }

  /** Gives `member` a cleaned, unique form of `wanted`; nothing happens when that is its name already. */
  rename(member: Member<C>, wanted: string): void {
    const name = this.uniqueName(this.cleanName(wanted), member);
    const oldName = member.participant.name;
    if (name === oldName) return;
    this.releaseName(member);
    // Participants are replaced, never mutated: messages already sent keep the name they were sent under.
    member.participant = { ...member.participant, name };
    this.claimName(member);
    this.participantItems = null;
    this.events.renamed(member.participant, oldName);
    this.events.changed();
  }

  /** Renames the host. Nobody may hold the host's name (any of its translations for the default one): a guest who has it now gets a suffix. */
  renameHost(name: string): void {
    const oldName = this.hostParticipant.name;
    if (name === oldName) return;
    const keys = hostNameKeys(name);
    const holders = new Set(keys.map((key) => this.names.get(key)));
    this.hostParticipant = { ...this.hostParticipant, name };
    this.hostKeys = keys;
    this.participantItems = null;
    for (const holder of holders) if (holder !== undefined) this.rename(holder, holder.participant.name);
    this.events.renamed(this.hostParticipant, oldName);
  }

  /** `member` leaves (at once, whatever its grace); a second call for the same member does nothing. */
  remove(member: Member<C>, reason: LeaveReason): void {
    if (this.members.get(member.participant.id) !== member) return;
    if (member.graceTimer !== null) clearTimeout(member.graceTimer);
    member.graceTimer = null;
    this.waiting.delete(member);
    this.members.delete(member.participant.id);
    this.participantItems = null;
    this.releaseName(member);
    if (member.session !== null) this.sessions.delete(member.session);
    if (member.conn !== null) member.conn.member = null;
    member.conn = null;
    for (const other of member.otherConns) other.member = null;
    member.otherConns = [];
    if (this.closing) return;
    this.events.left(member.participant, reason);
    this.events.changed();
  }

  /** Closes the participant's connections (every tab) with 4002 and removes it; false for an unknown id. */
  kick(id: string): boolean {
    const member = this.members.get(id);
    if (member === undefined) return false;
    this.expel(member, 'kicked', CloseCode.kicked, 'removed by the host');
    return true;
  }

  /** Ends every connection `member` has (in every tab) with `code`, and removes it with `reason`. */
  expel(member: Member<C>, reason: LeaveReason, code: number, why: string): void {
    this.endConnections(member, reason === 'kicked' ? 'kick' : 'moderation', code, why);
    this.remove(member, reason);
  }

  /** Ends every connection `member` has, in every tab. */
  private endConnections(member: Member<C>, why: EndReason, code: number, reason: string): void {
    for (const conn of [member.conn, ...member.otherConns]) conn?.end(why, code, reason);
  }

  /**
   * `member` stays while connected but can no longer resume: its token is void, and a drop is a leave.
   * One that is waiting to resume leaves now, with `reason`.
   */
  endSession(member: Member<C>, reason: LeaveReason): void {
    if (member.conn === null) return this.remove(member, reason);
    if (member.session !== null) this.sessions.delete(member.session);
    member.session = null;
  }

  /** A guest name nobody had (`Guest 3`), for a participant who gave none. */
  newGuestName(): string {
    return guestName(this.nextGuest++);
  }

  /**
   * `member` (found by its session) continues on `conn`, which becomes its newest connection. A
   * connection it still has stays: the same person in a second tab (opening the link again, scanning
   * the QR code again), or a phone's dead connection the heartbeat has not found yet, which then goes
   * quietly. An away member is back.
   */
  resume(member: Member<C>, conn: C): void {
    if (member.graceTimer !== null) clearTimeout(member.graceTimer);
    member.graceTimer = null;
    this.waiting.delete(member);
    if (member.conn !== null) member.otherConns.push(member.conn);
    member.conn = conn;
    member.address = conn.address;
    conn.member = member;
    if (member.participant.away) {
      const { away: _, ...present } = member.participant;
      member.participant = present;
      this.participantItems = null;
      this.events.back(present);
    }
    this.events.changed();
  }

  /**
   * A member's connection closed with `code`. While the member has another tab open, that one carries
   * on and nothing else happens. 1000 (or no code) is a deliberate leave. 1001 is what a browser sends
   * when the page goes away — a closed tab, but also a reload, which comes back within a second or
   * two: a short grace, so a reload is not a leave and a join, and a closed tab still leaves soon. Any
   * other drop (a phone asleep, Wi-Fi lost) gets the resume grace, unseen, and then `awayMs` shown as
   * away, resume still possible. Only a rich member, which has a session to resume, waits.
   */
  connectionClosed(conn: C, code: number): void {
    const member = conn.member;
    conn.member = null;
    if (member === null) return;
    if (member.conn !== conn) {
      member.otherConns = member.otherConns.filter((other) => other !== conn);
      return;
    }
    const newest = member.otherConns.pop();
    if (newest !== undefined) {
      member.conn = newest;
      member.address = newest.address;
      this.events.changed();
      return;
    }
    const clean = code === CloseCode.normal || code === 1005;
    const pageGone = code === CloseCode.goingAway;
    const grace = pageGone ? this.limits.pageGoneGraceMs : this.limits.resumeGraceMs;
    const reason: LeaveReason = pageGone ? 'left' : conn.endedBy === 'error' ? 'error' : 'timeout';
    if (clean || member.session === null || this.closing || (grace === 0 && (pageGone || this.limits.awayMs === 0))) {
      this.remove(member, clean ? 'left' : reason);
      return;
    }
    member.conn = null;
    this.waiting.add(member);
    member.graceTimer = setTimeout(() => (pageGone ? this.remove(member, reason) : this.goAway(member, reason)), grace);
    this.events.changed();
    this.limitWaiting();
  }

  /**
   * Everyone present, the host first, encoded for a welcome's `participants`. Kept between welcomes and
   * extended on each join, so that in a join storm a welcome neither encodes nor copies the whole list
   * again; a leave or a rename drops it, and the next welcome builds it afresh.
   */
  participantList(): JsonItems {
    return (this.participantItems ??= new JsonItems([this.hostParticipant, ...Array.from(this.members.values(), (m) => m.participant)]));
  }

  /** The resume grace of a dropped member ran out: shown as away for `awayMs`, then it leaves. */
  private goAway(member: Member<C>, reason: LeaveReason): void {
    member.graceTimer = null;
    if (this.limits.awayMs === 0) return this.remove(member, reason);
    member.participant = { ...member.participant, away: true };
    this.participantItems = null;
    this.events.away(member.participant);
    this.events.changed();
    member.graceTimer = setTimeout(() => this.remove(member, reason), this.limits.awayMs);
  }

  /**
   * Members waiting without a connection cost memory and a line in every People list, and anyone can
   * make more by connecting and dropping: past `maxConnections` of them, the longest waiting leaves.
   */
  private limitWaiting(): void {
    for (const member of this.waiting) {
      if (this.waiting.size <= this.limits.maxConnections) return;
      this.remove(member, 'timeout');
    }
  }

  /** The room is shutting down: from now on members leave silently and nobody waits for a resume. */
  shutDown(): void {
    this.closing = true;
    for (const member of this.members.values()) {
      if (member.graceTimer !== null) clearTimeout(member.graceTimer);
      member.graceTimer = null;
    }
  }

  /** After a shutdown: forgets everyone, ready for the room to listen again. */
  clear(): void {
    this.members.clear();
    this.waiting.clear();
    this.sessions.clear();
    this.names.clear();
    this.participantItems = null;
    this.closing = false;
  }

  /** A guest's wanted name as the room takes it: cleaned, capped, with no host marker in it. */
  cleanName(wanted: string): string {
    return withoutHostMarker(sanitizeName(wanted, this.limits.maxNameLength));
  }

  /** `wanted`, or it with a suffix, so that it looks like nobody else's name, the host's included. */
  private uniqueName(wanted: string, self: Member<C> | null): string {
    const taken = (candidate: string) =>
      nameKeys(candidate).some((key) => this.hostKeys.includes(key) || (this.names.has(key) && this.names.get(key) !== self));
    return uniqueName(wanted, taken, this.limits.maxNameLength);
  }

  private claimName(member: Member<C>): void {
    for (const key of nameKeys(member.participant.name)) this.names.set(key, member);
  }

  private releaseName(member: Member<C>): void {
    for (const key of nameKeys(member.participant.name)) if (this.names.get(key) === member) this.names.delete(key);
  }
}

/**
 * The name keys no guest may take: the host's name's, and while the host keeps the default name, those
 * of every word the pages show for it, so that nobody looks like the host in any language.
 */
function hostNameKeys(name: string): string[] {
  return (name === DEFAULT_SETTINGS.hostName ? [name, ...DEFAULT_HOST_NAMES] : [name]).flatMap(nameKeys);
}
