// The recent chat the room keeps in memory: what late joiners get in their welcome and what a client
// that reconnects resumes from. A bounded ring, filled from the on-disk log at startup when there is one.
// Beside it, the recent room events (joins, leaves, renames, moderation), each kept with its JSON, so a
// welcome replays the ones among its history without encoding them again.
import { isRoomEvent, tombstone } from '../../common/history.js';
import type { ChatMessage, RoomEvent } from '../../common/model.js';
import type { HistoryLog } from './history-log.js';

/** Rough JSON bytes of a message beyond its text and name (seq, ts, ids, keys), for the welcome's byte budget. */
const MESSAGE_OVERHEAD_BYTES = 160;
/** The same for a file reference beyond its name (id, size, type, hash, picture size, keys). */
const FILE_OVERHEAD_BYTES = 260;
/**
 * Most JSON a welcome's replayed room events take: about a hundred lines, enough for the renames and
 * moderation among a screenful of history, and a bound on what a join storm costs (each welcome would
 * otherwise carry every join before it: 1,000 joins would add some 17 MB of welcomes, this keeps it to 8).
 */
const WELCOME_EVENT_BYTES = 8 * 1024;

/** A room event as delivered, and its JSON. */
export interface KeptEvent {
  event: RoomEvent;
  json: string;
}

export class RecentHistory {
  /** Delivered messages, oldest first; between `size` and `2 * size` of them, trimmed in one go. */
  private ring: ChatMessage[] = [];
  /** Delivered room events, oldest first; bounded the same way. */
  private events: KeptEvent[] = [];
  private delivered: number;
  private cleared = 0;

  /**
   * @param size messages kept (a whole number >= 1, else a `RangeError`)
   * @param log the on-disk log to start from: its newest `size` messages and its last `seq`
   */
  constructor(
    readonly size: number,
    log: HistoryLog | null = null,
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('historySize must be a whole number >= 1');
    for (const record of log?.recent(size) ?? []) {
      if (isRoomEvent(record)) this.events.push({ event: record, json: JSON.stringify(record) });
      else this.ring.push(record);
    }
    this.delivered = log?.lastSeq ?? 0;
  }

  /** The highest `seq` delivered to the clients (the last one in the ring). */
  get deliveredSeq(): number {
    return this.delivered;
  }

  /** Adds one flush's messages, in `seq` order, as delivered. */
  add(chats: readonly ChatMessage[]): void {
    if (chats.length === 0) return;
    for (const m of chats) this.ring.push(m);
    if (this.ring.length >= this.size * 2) this.ring.splice(0, this.ring.length - this.size);
    this.delivered = chats[chats.length - 1]!.seq;
  }

  /** Adds room events as delivered, in the order they happened. */
  addEvents(events: readonly KeptEvent[]): void {
    for (const e of events) this.events.push(e);
    if (this.events.length >= this.size * 2) this.events.splice(0, this.events.length - this.size);
  }

  /** The newest `size` messages, oldest first. */
  recent(): ChatMessage[] {
    return this.ring.slice(-this.size);
  }

  /** The room events among `recent()`, oldest first. */
  recentEvents(): RoomEvent[] {
    return this.eventsAmong(this.recent(), Infinity).map((e) => e.event);
  }

  /**
   * The room events among `history` (from just before its first message on), the newest within
   * `budgetBytes` of JSON, oldest first. None for an empty history: there is no name to match.
   */
  eventsAmong(history: readonly ChatMessage[], budgetBytes: number = WELCOME_EVENT_BYTES): KeptEvent[] {
    const first = history[0];
    if (first === undefined) return [];
    let budget = budgetBytes;
    let start = this.events.length;
    while (start > 0) {
      const kept = this.events[start - 1]!;
      budget -= kept.json.length;
      if (kept.event.afterSeq < first.seq - 1 || budget < 0) break;
      start--;
    }
    return this.events.slice(start);
  }

  /** Whether `seq` is a message the ring would hold (delivered, and not older than its oldest). */
  holds(seq: number): boolean {
    const first = this.ring[0];
    return first !== undefined && seq >= first.seq && seq <= this.delivered;
  }

  /** Message `seq` becomes its tombstone; returns the message as it was, if the ring holds it. */
  remove(seq: number): ChatMessage | undefined {
    const index = this.indexOf(seq);
    if (index < 0) return undefined;
    const message = this.ring[index]!;
    if (message.removed) return undefined;
    this.ring[index] = tombstone(message);
    return message;
  }

  /** The `deliveredSeq` of the last `clear()` while this room ran; 0 when it never cleared. */
  get clearedSeq(): number {
    return this.cleared;
  }

  /** Forgets every message and event; `deliveredSeq` stays (numbering continues). */
  clear(): void {
    this.ring = [];
    this.events = [];
    this.cleared = this.delivered;
  }

  /** Where message `seq` is in the ring (seqs increase along it), or -1. */
  private indexOf(seq: number): number {
    let low = 0;
    let high = this.ring.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = this.ring[mid]!.seq;
      if (at === seq) return mid;
      if (at < seq) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /**
   * The history a (re)joining client gets: everything after `lastSeq` when the ring still holds it
   * (`resumed: true`), else the recent history. At most about `budgetBytes` of JSON, the newest kept,
   * so a welcome never trips the buffered cap; cutting it means `resumed: false`.
   */
  since(lastSeq: number | undefined, budgetBytes: number): { history: ChatMessage[]; resumed: boolean } {
    const ring = this.ring;
    let start = 0;
    let resumed = false;
    if (lastSeq !== undefined && lastSeq <= this.delivered) {
      if (lastSeq === this.delivered) return { history: [], resumed: true };
      const first = ring[0];
      if (first !== undefined && first.seq <= lastSeq + 1) {
        resumed = true;
        while (start < ring.length && ring[start]!.seq <= lastSeq) start++;
      }
    }
    if (!resumed) start = Math.max(0, ring.length - this.size);
    let budget = budgetBytes;
    let cut = ring.length;
    while (cut > start) {
      const m = ring[cut - 1]!;
      // UTF-8 takes at most 3 bytes per UTF-16 unit: an upper bound that needs no encoding.
      budget -= MESSAGE_OVERHEAD_BYTES + m.text.length * 3 + m.from.name.length * 3;
      if (m.files !== undefined) for (const file of m.files) budget -= FILE_OVERHEAD_BYTES + file.name.length * 3;
      if (budget < 0) break;
      cut--;
    }
    return { history: ring.slice(cut), resumed: resumed && cut === start };
  }
}
