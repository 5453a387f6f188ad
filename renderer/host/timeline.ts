// The history the host window shows: chat messages and system lines in arrival order, kept outside
// React so that a flood costs O(batch) per frame (no copy of a 100,000-item array per message).
// Items are addressed by position: positions never shift when old items are dropped, so a view can
// hold on to a range of them. Views re-render on `version`.
import { tombstone } from '../../common/history.js';
import type { ChatMessage, ModerationEvent } from '../../common/model.js';
import { Listeners } from '../shared/listeners.js';
import type { PresenceLine } from '../shared/shared-strings.js';

export type TimelineItem =
  | { kind: 'chat'; key: string; message: ChatMessage }
  | { kind: 'presence'; key: string; event: PresenceLine }
  | { kind: 'moderation'; key: string; event: ModerationEvent }
  | { kind: 'cleared'; key: string; ts: number };

/** Items kept in memory; older ones are dropped (the room and its log keep the full history). */
const TIMELINE_CAP = 100_000;

export class Timeline {
  /** Items before `start` are dropped; compacting only now and then keeps trimming amortised O(1). */
  private items: TimelineItem[] = [];
  private start = 0;
  /** Position of `items[0]`. */
  private base = 0;
  private lastSeq = 0;
  private nextKey = 0;
  private readonly listeners = new Listeners();
  /** Chat messages ever appended (never decreases): the "N new" marker counts with it. */
  chatCount = 0;
  /** Times the history was cleared: a view's place in it is gone each time. */
  clears = 0;
  /** Changes whenever the items change; the snapshot value for `useSyncExternalStore`. */
  version = 0;

  constructor(private readonly cap = TIMELINE_CAP) {}

  /** Position of the oldest item kept. */
  get first(): number {
    return this.base + this.start;
  }

  /** Position the next item will get (one past the newest). */
  get end(): number {
    return this.base + this.items.length;
  }

  get length(): number {
    return this.items.length - this.start;
  }

  /** The item at `position`, or undefined when it was dropped or does not exist yet. */
  at(position: number): TimelineItem | undefined {
    return position < this.first ? undefined : this.items[position - this.base];
  }

  /** Appends a chat message unless it was already shown (the snapshot and the event stream overlap). */
  addChat(message: ChatMessage): void {
    if (message.seq <= this.lastSeq) return;
    this.lastSeq = message.seq;
    this.chatCount++;
    this.push({ kind: 'chat', key: `c${message.seq}`, message });
  }

  addPresence(event: PresenceLine): void {
    this.push({ kind: 'presence', key: `p${this.nextKey++}`, event });
  }

  addModeration(event: ModerationEvent): void {
    this.push({ kind: 'moderation', key: `p${this.nextKey++}`, event });
  }

  /**
   * The host removed message `seq`: its item becomes the tombstone (a new object, so its row redraws).
   * Removing is rare and usually recent: a scan from the newest end.
   */
  removeMessage(seq: number): void {
    const key = `c${seq}`;
    for (let i = this.items.length - 1; i >= this.start; i--) {
      const item = this.items[i]!;
      if (item.key !== key) continue;
      if (item.kind === 'chat') this.items[i] = { ...item, message: tombstone(item.message) };
      return;
    }
  }

  /** The room deleted its history: the view starts over with one line saying so. */
  clear(ts: number): void {
    this.clears++;
    this.base = this.end;
    this.items = [];
    this.start = 0;
    this.push({ kind: 'cleared', key: `x${this.nextKey++}`, ts });
  }

  /** Call once after a batch of `add*` calls: listeners run once per batch, not per item. */
  commit(): void {
    this.version++;
    this.listeners.notify();
  }

  readonly subscribe = this.listeners.subscribe;

  getVersion = (): number => this.version;

  private push(item: TimelineItem): void {
    this.items.push(item);
    if (this.length > this.cap) {
      this.start++;
      if (this.start >= this.cap / 2) {
        this.items = this.items.slice(this.start);
        this.base += this.start;
        this.start = 0;
      }
    }
  }
}
