// Bytes per address per hour: a bucket that holds an hour's worth and refills over the hour.
import { describe, expect, it } from 'vitest';
import { UploadBudget } from '../../../electron/room/upload-budget.js';

describe('UploadBudget', () => {
  it('lets an address take its hour, then says how long to wait, and refills with time', () => {
    let now = 0;
    const budget = new UploadBudget(
      () => 3600,
      () => now,
    );
    expect(budget.take('a', 3000)).toBe(0);
    expect(budget.take('b', 3600)).toBe(0);
    // 600 left; 1000 more is 400 bytes short, which an hour of 3600 bytes refills in 400 s.
    expect(budget.take('a', 1000)).toBe(400_000);
    now = 400_000;
    expect(budget.take('a', 1000)).toBe(0);
  });

  it('gives back what an upload never sent, and waits for a full bucket for a file larger than the hour', () => {
    const budget = new UploadBudget(
      () => 1000,
      () => 0,
    );
    expect(budget.take('a', 1000)).toBe(0);
    budget.refund('a', 600);
    expect(budget.take('a', 600)).toBe(0);
    expect(budget.take('a', 5000)).toBe(3_600_000);
  });
});
