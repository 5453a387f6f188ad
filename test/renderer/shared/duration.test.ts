// How long a ban, a mute or a slow-mode wait lasts, in words of the page's language: seconds, then
// minutes, then hours, always rounded up.
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../renderer/shared/duration.js';

describe('formatDuration', () => {
  it('says seconds under a minute, minutes under two hours, then hours, rounded up', () => {
    expect(formatDuration(45_000, 'en')).toBe('45 seconds');
    expect(formatDuration(44_001, 'en')).toBe('45 seconds');
    expect(formatDuration(59_000, 'en')).toBe('59 seconds');
    expect(formatDuration(60_000, 'en')).toBe('1 minute');
    expect(formatDuration(61_000, 'en')).toBe('2 minutes');
    expect(formatDuration(119 * 60_000, 'en')).toBe('119 minutes');
    expect(formatDuration(120 * 60_000, 'en')).toBe('2 hours');
    expect(formatDuration(121 * 60_000, 'en')).toBe('3 hours');
  });

  it('never says less than a second, even for what has just run out', () => {
    expect(formatDuration(1, 'en')).toBe('1 second');
    expect(formatDuration(0, 'en')).toBe('1 second');
    expect(formatDuration(-5_000, 'en')).toBe('1 second');
  });

  it('speaks the page’s language', () => {
    expect(formatDuration(10 * 60_000, 'zh-CN')).toBe('10分钟');
    expect(formatDuration(2 * 3_600_000, 'zh-CN')).toBe('2小时');
    expect(formatDuration(10 * 60_000, 'en')).toBe('10 minutes');
  });
});
