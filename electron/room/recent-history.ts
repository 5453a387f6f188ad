// The recent chat the room keeps in memory: what late joiners get in their welcome and what a client
// that reconnects resumes from. A bounded ring, filled from the on-disk log at startup when there is one.
import type { ChatMessage } from '../../common/model.js';
import type { HistoryLog } from './history-log.js';

/** Rough JSON bytes of a message beyond its text and name (seq, ts, ids, keys), for the welcome's byte budget. */
const MESSAGE_OVERHEAD_BYTES = 160;
/** The same for a file reference beyond its name (id, size, type, hash, picture size, keys). */
const FILE_OVERHEAD_BYTES = 260;

export class RecentHistory {
  /** Delivered messages, oldest first; between `size` and `2 * size` of them, trimmed in one go. */
  private ring: ChatMessage[];
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
    this.ring = log?.recent(size) ?? [];
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

  /** The newest `size` messages, oldest first. */
  recent(): ChatMessage[] {
    return this.ring.slice(-this.size);
  }

  /** The `deliveredSeq` of the last `clear()` while this room ran; 0 when it never cleared. */
  get clearedSeq(): number {
    return this.cleared;
  }

  /** Forgets every message; `deliveredSeq` stays (numbering continues). */
  clear(): void {
    this.ring = [];
    this.cleared = this.delivered;
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
