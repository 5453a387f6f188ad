// The host's rules for the room, as state: locked, waiting room, slow mode, and the bans and mutes with
// whom they cover (a ban: an address and the sessions the person used; a mute: the sessions). Kept in a `ModerationStore` after
// every change, so they outlive a restart; a ban or mute with an end is lifted by one timer for all of
// them. No sockets here: moderator.ts applies the rules to people, the sessions and admission ask them.
import { createHash, randomBytes } from 'node:crypto';
import type { ModerationState, Restriction } from '../../common/host-view.js';
import { messageOf } from '../../common/errors.js';
import {
  emptyModeration,
  MAX_SLOW_MODE_SECONDS,
  type ModerationStore,
  type StoredModeration,
  type StoredRestriction,
} from './moderation-store.js';

/** Longest ban or mute with an end, in minutes (a year); longer is "until lifted". */
export const MAX_RESTRICTION_MINUTES = 365 * 24 * 60;
/** setTimeout's longest delay; a later end is checked again when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Who a ban or mute is about. */
export interface Subject {
  name: string;
  address: string;
  /** Their resume token, when they have one. */
  session: string | null;
}

export type RestrictionKind = 'ban' | 'mute';

export interface ModerationEvents {
  /** A ban or mute ran out and was removed. */
  expired(kind: RestrictionKind, restriction: StoredRestriction): void;
  /** Storing failed; the rules go on in memory. */
  warning(message: string): void;
}

/** SHA-256 of a session token, as bans and mutes keep it. */
export function sessionDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Moderation {
  private readonly state: StoredModeration;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: ModerationStore | null,
    private readonly events: ModerationEvents,
    private readonly now: () => number = Date.now,
  ) {
    this.state = store?.load() ?? emptyModeration();
    // What ran out while the room was down is gone without a word.
    const time = this.now();
    const live = (r: StoredRestriction) => r.until === null || r.until > time;
    this.state.bans = this.state.bans.filter(live);
    this.state.mutes = this.state.mutes.filter(live);
    this.schedule();
  }

  get locked(): boolean {
    return this.state.locked;
  }

  get waitingRoom(): boolean {
    return this.state.waitingRoom;
  }

  get slowModeSeconds(): number {
    return this.state.slowModeSeconds;
  }

  /** Each returns false when the value was already so (nothing to announce). */
  setLocked(locked: boolean): boolean {
    return this.set('locked', locked);
  }

  setWaitingRoom(on: boolean): boolean {
    return this.set('waitingRoom', on);
  }

  /** Throws a `RangeError` for anything but a whole number of seconds from 0 (off) to an hour. */
  setSlowMode(seconds: number): boolean {
    if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_SLOW_MODE_SECONDS) {
      throw new RangeError(`slow mode takes a whole number of seconds from 1 to ${MAX_SLOW_MODE_SECONDS}, or 0 for off`);
    }
    return this.set('slowModeSeconds', seconds);
  }

  /**
   * Bans `subject` for `minutes` (null: until lifted), or changes the ban that already covers them.
   * Throws a `RangeError` for minutes that are not a whole number from 1 to a year.
   */
  ban(subject: Subject, minutes: number | null): StoredRestriction {
    return this.impose(this.state.bans, subject, minutes);
  }

  mute(subject: Subject, minutes: number | null): StoredRestriction {
    return this.impose(this.state.mutes, subject, minutes);
  }

  /** Removes a ban (by id); undefined when there is none. */
  liftBan(id: string): StoredRestriction | undefined {
    return this.lift(this.state.bans, id);
  }

  liftMute(id: string): StoredRestriction | undefined {
    return this.lift(this.state.mutes, id);
  }

  /** The ban covering someone at `address` with `session` (a token, or null), if any. */
  banOf(address: string, session: string | null): StoredRestriction | undefined {
    return this.find(this.state.bans, address, session);
  }

  /**
   * The mute covering someone with `session`, if any. By session only: a mute is lighter than a ban, and
   * must not silence everyone else who shares an address (the host's own machine, a NAT).
   */
  muteOf(session: string | null): StoredRestriction | undefined {
    return session === null ? undefined : this.find(this.state.mutes, null, session);
  }

  /** Adds a session to the mute that covers its owner, so a later visit with it is still muted. */
  coverSession(mute: StoredRestriction, session: string): void {
    const digest = sessionDigest(session);
    if (mute.sessions.includes(digest)) return;
    mute.sessions.push(digest);
    this.save();
  }

  bans(): Restriction[] {
    return this.state.bans.map(view);
  }

  mutes(): Restriction[] {
    return this.state.mutes.map(view);
  }

  /** The host's view, with the waiting list the lobby keeps. */
  view(waiting: ModerationState['waiting']): ModerationState {
    const { locked, waitingRoom, slowModeSeconds } = this.state;
    return { locked, waitingRoom, slowModeSeconds, waiting, bans: this.bans(), mutes: this.mutes() };
  }

  /** Milliseconds until `restriction` ends (at least 1), or null when it lasts until lifted. */
  remainingMs(restriction: StoredRestriction): number | null {
    return restriction.until === null ? null : Math.max(1, restriction.until - this.now());
  }

  /** The room is closing: no more timers. */
  stop(): void {
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  private set<K extends 'locked' | 'waitingRoom' | 'slowModeSeconds'>(key: K, value: StoredModeration[K]): boolean {
    if (this.state[key] === value) return false;
    this.state[key] = value;
    this.save();
    return true;
  }

  private impose(list: StoredRestriction[], subject: Subject, minutes: number | null): StoredRestriction {
    if (minutes !== null && (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > MAX_RESTRICTION_MINUTES)) {
      throw new RangeError(`minutes must be a whole number from 1 to ${MAX_RESTRICTION_MINUTES}, or none for "until lifted"`);
    }
    const time = this.now();
    const until = minutes === null ? null : time + minutes * 60_000;
    const digest = subject.session === null ? null : sessionDigest(subject.session);
    // Bans cover an address, mutes only sessions (see `muteOf`).
    const byAddress = list === this.state.bans;
    let restriction = list.find((r) => (byAddress && r.address === subject.address) || (digest !== null && r.sessions.includes(digest)));
    if (restriction === undefined) {
      restriction = {
        id: randomBytes(6).toString('base64url'),
        name: subject.name,
        address: subject.address,
        since: time,
        until,
        sessions: [],
      };
      list.push(restriction);
    } else {
      Object.assign(restriction, { name: subject.name, address: subject.address, since: time, until });
    }
    if (digest !== null && !restriction.sessions.includes(digest)) restriction.sessions.push(digest);
    this.save();
    this.schedule();
    return restriction;
  }

  private lift(list: StoredRestriction[], id: string): StoredRestriction | undefined {
    const index = list.findIndex((r) => r.id === id);
    if (index < 0) return undefined;
    const [lifted] = list.splice(index, 1);
    this.save();
    this.schedule();
    return lifted;
  }

  private find(list: readonly StoredRestriction[], address: string | null, session: string | null): StoredRestriction | undefined {
    if (list.length === 0) return undefined;
    const time = this.now();
    let digest: string | undefined;
    return list.find((r) => {
      if (r.until !== null && r.until <= time) return false;
      if (r.address === address) return true;
      if (session === null) return false;
      digest ??= sessionDigest(session);
      return r.sessions.includes(digest);
    });
  }

  private save(): void {
    try {
      this.store?.save(this.state);
    } catch (error) {
      this.events.warning(`moderation: saving failed (${messageOf(error)}); the rules hold until the room stops`);
    }
  }

  /** One timer, for the restriction that ends first. */
  private schedule(): void {
    this.stop();
    let first = Infinity;
    for (const r of [...this.state.bans, ...this.state.mutes]) if (r.until !== null && r.until < first) first = r.until;
    if (first === Infinity) return;
    this.expiryTimer = setTimeout(this.expire, Math.min(MAX_TIMER_MS, Math.max(0, first - this.now())));
    // A restriction's end must not keep a stopping process alive.
    this.expiryTimer.unref();
  }

  private readonly expire = (): void => {
    this.expiryTimer = null;
    const time = this.now();
    const ended: [RestrictionKind, StoredRestriction][] = [];
    for (const [kind, list] of [
      ['ban', this.state.bans],
      ['mute', this.state.mutes],
    ] as const) {
      for (let i = list.length - 1; i >= 0; i--) {
        const r = list[i]!;
        if (r.until !== null && r.until <= time) ended.unshift([kind, ...list.splice(i, 1)] as [RestrictionKind, StoredRestriction]);
      }
    }
    if (ended.length > 0) this.save();
    this.schedule();
    for (const [kind, restriction] of ended) this.events.expired(kind, restriction);
  };
}

function view({ id, name, address, since, until }: StoredRestriction): Restriction {
  return { id, name, address, since, until };
}
