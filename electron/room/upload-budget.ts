// How many bytes each network address may still upload: a token bucket per address holding one hour's
// worth (`uploadBytesPerHour`) and refilling over the hour, so one guest cannot fill the host's disk
// in a minute, while someone sharing now and then never notices. An upload takes its declared size
// when it starts; what it never sent (cancelled, expired) is given back.

const HOUR_MS = 60 * 60_000;

interface Bucket {
  bytes: number;
  at: number;
}

export class UploadBudget {
  private readonly buckets = new Map<string, Bucket>();

  /** @param perHour bytes an address may upload per hour, read on each use (a setting that may change) */
  constructor(
    private readonly perHour: () => number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `bytes` from `address`'s budget; returns 0, or the milliseconds until it would have them. */
  take(address: string, bytes: number): number {
    const bucket = this.refill(address);
    if (bucket.bytes >= bytes) {
      bucket.bytes -= bytes;
      return 0;
    }
    // A file larger than the whole budget waits for a full bucket, not forever, and then empties it.
    const missing = Math.min(bytes, this.perHour()) - bucket.bytes;
    if (missing > 0) return Math.ceil((missing * HOUR_MS) / this.perHour());
    bucket.bytes = 0;
    return 0;
  }

  /** Gives back bytes an upload took and never sent. */
  refund(address: string, bytes: number): void {
    if (bytes <= 0) return;
    const bucket = this.refill(address);
    bucket.bytes = Math.min(this.perHour(), bucket.bytes + bytes);
    if (bucket.bytes >= this.perHour()) this.buckets.delete(address);
  }

  private refill(address: string): Bucket {
    const capacity = this.perHour();
    const now = this.now();
    let bucket = this.buckets.get(address);
    if (bucket === undefined) {
      bucket = { bytes: capacity, at: now };
      this.buckets.set(address, bucket);
      this.forgetFull(now);
      return bucket;
    }
    bucket.bytes = Math.min(capacity, bucket.bytes + ((now - bucket.at) * capacity) / HOUR_MS);
    bucket.at = now;
    return bucket;
  }

  /** A full bucket is the same as none: dropped now and then, so the map holds only recent uploaders. */
  private forgetFull(now: number): void {
    if (this.buckets.size < 256) return;
    const capacity = this.perHour();
    for (const [address, bucket] of this.buckets) {
      if (bucket.bytes + ((now - bucket.at) * capacity) / HOUR_MS >= capacity) this.buckets.delete(address);
    }
  }
}
