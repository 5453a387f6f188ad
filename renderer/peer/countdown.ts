// What the page counts down while it shows it: a PIN lockout ("Try again in 42 s"), a ban, a mute, a
// slow-mode wait. Each re-renders as a whole second of the time left runs out, so a count in seconds
// never skips one and a count in minutes turns over on time; nothing ticks without a deadline ahead.
import { useEffect, useState } from 'react';

/** Whole seconds from `now` until `until` (epoch ms), rounded up; 0 once it has passed or without one. */
export function secondsLeft(until: number | null | undefined, now: number): number {
  return until == null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** The time (epoch ms) for a view that counts down to `until` (epoch ms; none: nothing to count). */
export function useCountdown(until: number | null | undefined): number {
  const [, setTick] = useState(0);
  const now = Date.now();
  const left = secondsLeft(until, now);
  useEffect(() => {
    if (left === 0) return;
    // Wake as the current second of the countdown runs out.
    const timer = setTimeout(() => setTick((n) => n + 1), (until! - Date.now()) % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [left, until]);
  return now;
}
