// What a connection may send, as token buckets that pause its reads when empty (connection.ts) rather
// than drop what it sent. Each connection has its own bucket of messages (`rateBurst`, `ratePerSecond`);
// every connection of one sender (an IPv4 address, or an IPv6 /64: address.ts) also draws from the
// sender's shared buckets: messages (`senderRateMultiple` times a connection's) and bytes
// (`senderBurstBytes`, `senderBytesPerSecond`). The shared buckets outlive the sender's connections
// until they are full again, so reconnecting, or opening fifty connections, never refills them.
// The byte bucket is what bounds how fast one sender can fill the history log (docs/storage.md).
import type { Limits } from '../../common/limits.js';

export type SendLimits = Pick<Limits, 'rateBurst' | 'ratePerSecond' | 'senderRateMultiple' | 'senderBurstBytes' | 'senderBytesPerSecond'>;

/**
 * Bytes a message costs beyond its own: about what storing it adds (seq, time, author, checksum), so
 * a flood of tiny messages is counted for what it costs the log.
 */
export const MESSAGE_OVERHEAD_BYTES = 128;

/** A connection's own bucket, kept on the connection (one object per socket, no extra allocation). */
export interface MessageBucket {
  tokens: number;
  refilledAt: number;
}

/** What every connection of one sender shares. */
export class SenderBudget {
  connections = 0;
  tokens: number;
  /** May go below 0: a message is let through while it is not negative, and takes its whole cost. */
  bytes: number;
  refilledAt = performance.now();

  constructor(limits: SendLimits) {
    this.tokens = limits.rateBurst * limits.senderRateMultiple;
    this.bytes = limits.senderBurstBytes;
  }
}

export class SendBudgets {
  private readonly senders = new Map<string, SenderBudget>();
  private readonly senderBurst: number;
  private readonly senderRate: number;
  /** Table size at which the next new sender first sweeps out rested ones. */
  private sweepAt = 64;

  constructor(private readonly limits: SendLimits) {
    this.senderBurst = limits.rateBurst * limits.senderRateMultiple;
    this.senderRate = limits.ratePerSecond * limits.senderRateMultiple;
  }

  /** Open connections of `sender`. */
  connectionsOf(sender: string): number {
    return this.senders.get(sender)?.connections ?? 0;
  }

  /** A connection of `sender` opened: its share of the sender's budget (the same object for all of them). */
  opened(sender: string): SenderBudget {
    let budget = this.senders.get(sender);
    if (budget === undefined) {
      this.forgetRested();
      budget = new SenderBudget(this.limits);
      this.senders.set(sender, budget);
    }
    budget.connections++;
    return budget;
  }

  /** A connection of `sender` closed. The budget stays until it has filled up again. */
  closed(sender: string, budget: SenderBudget): void {
    budget.connections--;
    if (budget.connections === 0 && this.rested(budget, performance.now())) this.senders.delete(sender);
  }

  /** Takes one message of `bytes` from the connection's bucket and its sender's; false (nothing taken) when one is empty. */
  take(own: MessageBucket, budget: SenderBudget, bytes: number): boolean {
    const now = performance.now();
    this.refill(own, budget, now);
    if (own.tokens < 1 || budget.tokens < 1 || budget.bytes < 0) return false;
    own.tokens -= 1;
    budget.tokens -= 1;
    budget.bytes -= bytes + MESSAGE_OVERHEAD_BYTES;
    return true;
  }

  /** Milliseconds until `take` may succeed again, after it failed. */
  waitMs(own: MessageBucket, budget: SenderBudget): number {
    const { ratePerSecond, senderBytesPerSecond } = this.limits;
    const wait = Math.max(
      ((1 - own.tokens) * 1000) / ratePerSecond,
      ((1 - budget.tokens) * 1000) / this.senderRate,
      (-budget.bytes * 1000) / senderBytesPerSecond,
    );
    return Math.max(1, Math.ceil(wait));
  }

  private refill(own: MessageBucket, budget: SenderBudget, now: number): void {
    const { rateBurst, ratePerSecond, senderBurstBytes, senderBytesPerSecond } = this.limits;
    own.tokens = Math.min(rateBurst, own.tokens + ((now - own.refilledAt) * ratePerSecond) / 1000);
    own.refilledAt = now;
    const elapsed = now - budget.refilledAt;
    budget.tokens = Math.min(this.senderBurst, budget.tokens + (elapsed * this.senderRate) / 1000);
    budget.bytes = Math.min(senderBurstBytes, budget.bytes + (elapsed * senderBytesPerSecond) / 1000);
    budget.refilledAt = now;
  }

  /** Whether the buckets of a sender with no connection would be full by now (forgetting it refills nothing). */
  private rested(budget: SenderBudget, now: number): boolean {
    const elapsed = now - budget.refilledAt;
    return (
      budget.tokens + (elapsed * this.senderRate) / 1000 >= this.senderBurst &&
      budget.bytes + (elapsed * this.limits.senderBytesPerSecond) / 1000 >= this.limits.senderBurstBytes
    );
  }

  /**
   * Forgets senders without connections whose budget has filled up, now and then (when the table has
   * grown past twice what it held after the last sweep), so memory follows the senders seen lately.
   */
  private forgetRested(): void {
    if (this.senders.size < this.sweepAt) return;
    const now = performance.now();
    for (const [sender, budget] of this.senders) {
      if (budget.connections === 0 && this.rested(budget, now)) this.senders.delete(sender);
    }
    this.sweepAt = Math.max(64, this.senders.size * 2);
  }
}
