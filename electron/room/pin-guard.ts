// Slowing down PIN guessing. Wrong PINs are counted per IP address; the one that reaches the limit
// within the window locks that address out of PIN attempts for a window from then. Memory is
// bounded: the map is kept in order of each entry's start, expired entries are dropped from its
// front, and past `maxEntries` the oldest address is forgotten.

interface Entry {
  failures: number;
  /** When the count started, or when the address was locked out; the entry expires a window later. */
  since: number;
}

export class PinGuard {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param maxFailures wrong PINs an address may give within `windowMs` before it is locked out
   * @param windowMs how long failures count, and how long a lockout lasts
   * @param maxEntries addresses remembered at once
   * @param now clock in milliseconds (tests pass their own)
   */
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly maxEntries = 1024,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds until `address` may try a PIN again; 0 when it may now. */
  lockedFor(address: string): number {
    const entry = this.entries.get(address);
    if (entry === undefined || entry.failures < this.maxFailures) return 0;
    return Math.max(0, Math.ceil(entry.since + this.windowMs - this.now()));
  }

  /** Records a wrong PIN from `address`. */
  failed(address: string): void {
    const now = this.now();
    this.prune(now);
    const entry = this.entries.get(address);
    if (entry !== undefined && entry.failures + 1 < this.maxFailures) {
      entry.failures++;
      return;
    }
    // A new count, or a lockout starting now: either way the entry moves to the end of the order.
    this.entries.delete(address);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(address, { failures: (entry?.failures ?? 0) + 1, since: now });
  }

  /** A right PIN: the address starts over. */
  succeeded(address: string): void {
    this.entries.delete(address);
  }

  /** Addresses remembered now (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [address, entry] of this.entries) {
      if (now - entry.since < this.windowMs) break;
      this.entries.delete(address);
    }
  }
}
