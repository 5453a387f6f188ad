// The waiting room: newcomers who passed every check of the door (PIN, bans, lock) but wait for the
// host to let them in. An entry holds its connection and what letting it in means for its protocol
// (a welcome for a rich client, a seat for a raw one); nobody in here is a participant yet.
import type { WaitingGuest } from '../../common/host-view.js';

export interface WaitingEntry<C> extends WaitingGuest {
  readonly conn: C;
  /** The PIN they gave (null in a room without one): a new PIN sends away those who lack it. */
  readonly pin: string | null;
  /** Lets them in: called once, after they left the lobby. */
  readonly enter: () => void;
}

export class Lobby<C> implements Iterable<WaitingEntry<C>> {
  private readonly entries = new Map<C, WaitingEntry<C>>();
  private nextId = 1;

  /** @param changed told after every arrival and departure (the host's waiting list) */
  constructor(private readonly changed: () => void) {}

  get size(): number {
    return this.entries.size;
  }

  [Symbol.iterator](): Iterator<WaitingEntry<C>> {
    return this.entries.values();
  }

  add(conn: C, guest: Omit<WaitingGuest, 'id' | 'since'>, pin: string | null, enter: () => void): WaitingEntry<C> {
    const entry: WaitingEntry<C> = { id: `w${this.nextId++}`, since: Date.now(), ...guest, conn, pin, enter };
    this.entries.set(conn, entry);
    this.changed();
    return entry;
  }

  has(conn: C): boolean {
    return this.entries.has(conn);
  }

  get(id: string): WaitingEntry<C> | undefined {
    for (const entry of this.entries.values()) if (entry.id === id) return entry;
    return undefined;
  }

  /** Takes `conn` out (let in, turned away or gone); undefined when it was not waiting. */
  remove(conn: C): WaitingEntry<C> | undefined {
    const entry = this.entries.get(conn);
    if (entry === undefined) return undefined;
    this.entries.delete(conn);
    this.changed();
    return entry;
  }

  /** The host's waiting list, longest waiting first. */
  list(): WaitingGuest[] {
    return Array.from(this.entries.values(), ({ id, name, kind, address, since }) => ({ id, name, kind, address, since }));
  }
}
