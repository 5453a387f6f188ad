// Counting wrong PINs per address: lockout after the limit, expiry, reset on success, bounded memory.
import { describe, expect, it } from 'vitest';
import { PinGuard } from '../../../electron/room/pin-guard.js';

function guardAt(maxEntries = 1024) {
  const clock = { t: 0 };
  const guard = new PinGuard(3, 1000, maxEntries, () => clock.t);
  return { guard, clock };
}

describe('PinGuard', () => {
  it('locks an address out when its failures reach the limit within the window, for a window', () => {
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

  it('keeps at most maxEntries addresses, dropping expired ones first and then the oldest', () => {
    const { guard, clock } = guardAt(100);
    for (let i = 0; i < 10_000; i++) guard.failed(`10.0.${i >> 8}.${i & 255}`);
    expect(guard.size).toBe(100);
    clock.t = 1000;
    guard.failed('x');
    expect(guard.size).toBe(1);
    // A locked address survives expiry of older entries until its own lockout ends.
    for (let i = 0; i < 3; i++) guard.failed('locked');
    clock.t = 1500;
    guard.failed('y');
    expect(guard.lockedFor('locked')).toBe(500);
  });
});
