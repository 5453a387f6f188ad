// A seeded random source for generated test corpora: the same seed gives the same cases on every run,
// so a failure found by the generator can be replayed exactly.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export class Prng {
  private readonly rng: ReturnType<typeof xoroshiro128plus>;

  constructor(readonly seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  /** True with probability `p` (resolution 1/10,000). */
  chance(p: number): boolean {
    return this.int(0, 9_999) < p * 10_000;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  bytes(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }
}
