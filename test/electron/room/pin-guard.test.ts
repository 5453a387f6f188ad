// Counting wrong PINs per sender and per room: lockout after the limit, expiry, reset on success, a
// room-wide budget no number of addresses gets around, and no eviction that would unlock anyone.
import { describe, expect, it } from 'vitest';
import { PinGuard } from '../../../electron/room/pin-guard.js';

function guardAt(maxRoomFailures = 1_000_000) {
  const clock = { t: 0 };
  const guard = new PinGuard(3, 1000, maxRoomFailures, () => clock.t);
  return { guard, clock };
}

describe('PinGuard', () => {
  it('locks a sender out when its failures reach the limit within the window, for a window', () => {
    const { guard, clock } = guardAt();
    guard.failed('a');
    clock.t = 400;
    guard.failed('a');
    expect(guard.lockedFor('a')).toBe(0);
    clock.t = 900;
    guard.failed('a');
    expect(guard.lockedFor('a')).toBe(1000);
    expect(guard.lockedFor('b')).toBe(0);
    clock.t = 1899;
    expect(guard.lockedFor('a')).toBe(1);
    clock.t = 1900;
    expect(guard.lockedFor('a')).toBe(0);
    // After the lockout the count starts over.
    guard.failed('a');
    expect(guard.lockedFor('a')).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const { guard, clock } = guardAt();
    guard.failed('a');
    guard.failed('a');
    clock.t = 1000;
    guard.failed('a');
    guard.failed('a');
    expect(guard.lockedFor('a')).toBe(0);
  });

  it('starts over after a right PIN', () => {
    const { guard } = guardAt();
    guard.failed('a');
    guard.failed('a');
    guard.succeeded('a');
    guard.failed('a');
    guard.failed('a');
    expect(guard.lockedFor('a')).toBe(0);
  });

  it('keeps a lockout however many other senders guess meanwhile (issue 10, finding 2)', () => {
    const { guard, clock } = guardAt();
    for (let i = 0; i < 3; i++) guard.failed('locked');
    clock.t = 10;
    for (let i = 0; i < 20_000; i++) guard.failed(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(guard.lockedFor('locked')).toBe(990);
    // Expired senders go once their window is over; memory follows what the room let through.
    clock.t = 1010;
    guard.failed('x');
    expect(guard.size).toBe(1);
  });

  it('refuses every guess for the room once it took its budget of wrong PINs within the window', () => {
    const { guard, clock } = guardAt(5);
    for (let i = 0; i < 4; i++) {
      clock.t = i * 100;
      guard.failed(`s${i}`);
    }
    expect(guard.roomBusyFor()).toBe(0);
    guard.failed('s4');
    expect(guard.roomBusyFor()).toBe(700);
    clock.t = 999;
    expect(guard.roomBusyFor()).toBe(1);
    // The oldest failure leaves the window: one more guess may be made.
    clock.t = 1000;
    expect(guard.roomBusyFor()).toBe(0);
    guard.failed('s5');
    expect(guard.roomBusyFor()).toBe(100);
  });
});
