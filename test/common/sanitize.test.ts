// Names as every page shows them: no control or bidi characters, spaces collapsed, bounded length.
import { describe, expect, it } from 'vitest';
import { sanitizeName } from '../../common/sanitize.js';

describe('sanitizeName', () => {
  it('strips control and bidi characters and collapses spaces', () => {
    expect(sanitizeName('  Ali\u202Ece\u0000 \n  Bob\u2066 ')).toBe('Alice Bob');
    expect(sanitizeName('\u200B\u202E')).toBe('');
    expect(sanitizeName('x'.repeat(100), 10)).toBe('x'.repeat(10));
  });
});
