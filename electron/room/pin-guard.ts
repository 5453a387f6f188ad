// Slowing down PIN guessing, in two ways that no number of addresses gets around:
// - per sender (an IPv4 address or an IPv6 /64, address.ts): the wrong PIN that reaches the limit
//   within the window locks that sender out of PIN attempts for a window from then;
// - per room: once the room has taken `maxRoomFailures` wrong PINs within the window, from all senders
//   together, every PIN is refused as rate-limited (the right one too: a guess that might be right
//   cannot be told apart) until the oldest of them is a window old.
// Memory is bounded by the room budget: a sender is remembered only for a window after a wrong PIN it
// was allowed to make, and the room allows at most `maxRoomFailures` of those per window. Nothing is
// ever evicted to make room, so no volume of guesses from elsewhere unlocks a sender.

interface Entry {
  failures: number;
  /** When the count started, or when the sender was locked out; the entry expires a window later. */
  since: number;
}

export class PinGuard {
  /** Senders with recent wrong PINs, in order of `since` (expired ones are dropped from the front). */
  private readonly entries = new Map<string, Entry>();
  /** When the room's recent wrong PINs came, oldest first; at most `maxRoomFailures` of them. */
  private readonly roomFailures: number[] = [];

  /**
   * @param maxFailures wrong PINs a sender may give within `windowMs` before it is locked out
   * @param windowMs how long failures count, and how long a lockout lasts
   * @param maxRoomFailures wrong PINs the room takes within `windowMs`, from everyone together
   * @param now clock in milliseconds (tests pass their own)
   */
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly maxRoomFailures: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds until `sender` may try a PIN again; 0 when it may now. */
  lockedFor(sender: string): number {
    const entry = this.entries.get(sender);
    if (entry === undefined || entry.failures < this.maxFailures) return 0;
    return Math.max(0, Math.ceil(entry.since + this.windowMs - this.now()));
  }

  /** Milliseconds until the room takes PINs again; 0 while it is under its budget. */
  roomBusyFor(): number {
    const failures = this.roomFailures;
    const now = this.now();
    while (failures.length > 0 && now - failures[0]! >= this.windowMs) failures.shift();
    if (failures.length < this.maxRoomFailures) return 0;
    return Math.max(1, Math.ceil(failures[0]! + this.windowMs - now));
  }

  /** Records a wrong PIN from `sender` (the caller has checked it was allowed to guess). */
  failed(sender: string): void {
    const now = this.now();
    this.prune(now);
    this.roomFailures.push(now);
    if (this.roomFailures.length > this.maxRoomFailures) this.roomFailures.shift();
    const entry = this.entries.get(sender);
    if (entry !== undefined && entry.failures + 1 < this.maxFailures) {
      entry.failures++;
      return;
    }
    // A new count, or a lockout starting now: either way the entry moves to the end of the order.
    this.entries.delete(sender);
    this.entries.set(sender, { failures: (entry?.failures ?? 0) + 1, since: now });
  }

  /** A right PIN: the sender starts over. */
  succeeded(sender: string): void {
    this.entries.delete(sender);
  }

  /** Senders remembered now (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [sender, entry] of this.entries) {
      if (now - entry.since < this.windowMs) break;
      this.entries.delete(sender);
    }
  }
}
