// Reconnect delays: 0.5 s doubling to a 10 s cap, each randomised ±25% so a room full of phones that
// lost the host at the same moment doesn't knock on its door in lockstep. Never gives up.

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 10_000;

/** Delay before reconnect attempt number `attempt` (0 = the first retry after a drop). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(exponential * (0.75 + random() * 0.5));
}
