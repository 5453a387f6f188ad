// The room PIN check, one for both protocols: a raw client gives the PIN in the upgrade URL (`?pin=`)
// and hears the verdict as an HTTP status, a rich client gives it in `hello` and hears it as an error
// message and a close code. The order of the questions and the counting of wrong guesses are the same.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { PinGuard } from './pin-guard.js';

export type PinVerdict =
  | { readonly ok: true }
  /** No PIN given, while the room has one. Not a guess: it is not counted. */
  | { readonly ok: false; readonly problem: 'missing' }
  /** This sender gave too many wrong PINs lately; it may try again in `waitMs`. */
  | { readonly ok: false; readonly problem: 'locked'; readonly waitMs: number }
  /** The room as a whole took too many wrong PINs lately: no PIN is checked for `waitMs`. */
  | { readonly ok: false; readonly problem: 'busy'; readonly waitMs: number }
  | { readonly ok: false; readonly problem: 'wrong' };

const ADMITTED: PinVerdict = { ok: true };
const MISSING: PinVerdict = { ok: false, problem: 'missing' };
const WRONG: PinVerdict = { ok: false, problem: 'wrong' };

export class PinCheck {
  /** @param guard counts wrong PINs per sender and per room and says who may guess */
  constructor(private readonly guard: PinGuard) {}

  /**
   * Whether `given` from `sender` (an address group, address.ts) opens a room whose PIN is `pin`
   * (null: the room has none).
   */
  check(pin: string | null, given: string | null | undefined, sender: string): PinVerdict {
    if (pin === null) return ADMITTED;
    if (given === null || given === undefined || given === '') return MISSING;
    const lockedMs = this.guard.lockedFor(sender);
    if (lockedMs > 0) return { ok: false, problem: 'locked', waitMs: lockedMs };
    const busyMs = this.guard.roomBusyFor();
    if (busyMs > 0) return { ok: false, problem: 'busy', waitMs: busyMs };
    if (!pinMatches(given, pin)) {
      this.guard.failed(sender);
      return WRONG;
    }
    this.guard.succeeded(sender);
    return ADMITTED;
  }
}

function pinMatches(given: string, pin: string): boolean {
  // Compare digests in constant time, so the answer's timing says nothing about the PIN.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(pin).digest();
  return timingSafeEqual(a, b);
}
