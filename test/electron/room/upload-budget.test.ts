// Bytes per address per hour: a bucket that holds an hour's worth and refills over the hour.
import { describe, expect, it } from 'vitest';
import { UploadBudget } from '../../../electron/room/upload-budget.js';

/** A budget of `perHour` bytes on a clock the test moves (`clock.now`, in ms). */
function budgetOf(perHour: number): { budget: UploadBudget; clock: { now: number } } {
  const clock = { now: 0 };
  return {
    budget: new UploadBudget(
      () => perHour,
      () => clock.now,
    ),
    clock,
  };
}

describe('UploadBudget', () => {
  it('lets an address take its hour, then says how long to wait, and refills with time', () => {
    const { budget, clock } = budgetOf(3600);
    expect(budget.take('a', 3000)).toBe(0);
    expect(budget.take('b', 3600)).toBe(0);
    // 600 left; 1000 more is 400 bytes short, which an hour of 3600 bytes refills in 400 s.
    expect(budget.take('a', 1000)).toBe(400_000);
    clock.now = 400_000;
    expect(budget.take('a', 1000)).toBe(0);
  });

  it('gives back what an upload never sent, and waits for a full bucket for a file larger than the hour', () => {
    const { budget } = budgetOf(1000);
    expect(budget.take('a', 1000)).toBe(0);
    budget.refund('a', 600);
    expect(budget.take('a', 600)).toBe(0);
    expect(budget.take('a', 5000)).toBe(3_600_000);
  });

  it('takes the whole hour for a file larger than it, so the next one waits for the bucket to refill', () => {
    const { budget, clock } = budgetOf(1000);
    // The waits of three uploads in a row: none, then a full hour, then the time 10 bytes take to come back.
    expect([5000, 5000, 10].map((bytes) => budget.take('a', bytes))).toEqual([0, 3_600_000, 36_000]);
    clock.now = 3_600_000;
    expect(budget.take('a', 5000)).toBe(0);
  });
});
