// Which of the room's addresses people actually reach it by: every participant who joins is counted
// under the address their browser asked for (the `Host` header of their request, port left out), so
// the host sees which join address works. Counts last as long as the room runs. The header is the
// client's to choose, so at most `maxAddresses` different ones are counted.
import { hostAddress } from './handshake.js';

/** Join counts by address (`192.168.1.23`, `fd00::1`, `localhost`). */
export type ArrivalCounts = Record<string, number>;

/** Enough for every adapter of a real machine, and then some. */
const MAX_ADDRESSES = 32;

export class Arrivals {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxAddresses = MAX_ADDRESSES) {}

  /** Counts one participant who joined through `host` (a `Host` header); false when it was not counted. */
  record(host: string): boolean {
    const address = hostAddress(host);
    if (address === '') return false;
    const count = this.counts.get(address);
    if (count === undefined && this.counts.size >= this.maxAddresses) return false;
    this.counts.set(address, (count ?? 0) + 1);
    return true;
  }

  snapshot(): ArrivalCounts {
    return Object.fromEntries(this.counts);
  }
}
