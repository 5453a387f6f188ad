// How a name looks as an avatar: its initials and a stable colour.
import { describe, expect, it } from 'vitest';
import { hueIndex, HUE_COUNT, initials } from '../../../renderer/shared/initials.js';

describe('avatar looks', () => {
  it('makes initials for Latin, CJK and emoji names', () => {
    expect(initials('Amber Otter')).toBe('AO');
    expect(initials('琥珀水獭')).toBe('琥');
    expect(initials('zoë')).toBe('Z');
    expect(initials('👩‍💻 Dev')).toBe('👩‍💻D');
    expect(initials('Mia (host)')).toBe('MH');
    expect(initials('   ')).toBe('?');
    expect(initials('-- !!')).toBe('?');
  });

  it('gives each name a stable colour bucket', () => {
    expect(hueIndex('Alice')).toBe(hueIndex('Alice'));
    const buckets = new Set(['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Frank', 'Grace', 'Heidi'].map(hueIndex));
    expect(buckets.size).toBeGreaterThan(3);
    for (const b of buckets) expect(b).toBeLessThan(HUE_COUNT);
  });
});
