// Resident memory of this process, sampled while a stress test runs: the room runs in-process, so its
// growth under hostile input shows up here (together with the test's own clients, an upper bound).

export interface RssReport {
  beforeMb: number;
  peakMb: number;
  afterMb: number;
}

const MB = 1024 * 1024;

export class RssSampler {
  private readonly before = process.memoryUsage.rss();
  private peak = this.before;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 25) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling; `after` is taken now. */
  stop(): RssReport {
    clearInterval(this.timer);
    const after = this.sample();
    const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
    return { beforeMb: mb(this.before), peakMb: mb(this.peak), afterMb: mb(after) };
  }

  private sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }
}
