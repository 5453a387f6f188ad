// The reconnect delays.
import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_CAP_MS } from '../../../renderer/peer/backoff.js';

describe('backoffDelay', () => {
  it('doubles from about 0.5 s to a 10 s cap, with jitter, forever', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(500);
    expect(backoffDelay(1, () => 0.5)).toBe(1000);
    expect(backoffDelay(10, () => 0.5)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1_000_000, () => 0.5)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(0, () => 0)).toBe(375);
    expect(backoffDelay(10, () => 1)).toBe(12_500);
  });
});
