// A countdown the page shows while the room takes no PIN ("Try again in 42 s"), ticking every second.
import { useEffect, useState } from 'react';

/** Whole seconds until `until` (epoch ms), re-rendering each second until it is reached; 0 without one. */
export function useSecondsUntil(until: number | undefined): number {
  const [, setTick] = useState(0);
  const left = until === undefined ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000));
  useEffect(() => {
    if (left === 0) return;
    // Wake at the next whole second of the countdown.
    const timer = setTimeout(() => setTick((n) => n + 1), (until! - Date.now()) % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [left, until]);
  return left;
}
