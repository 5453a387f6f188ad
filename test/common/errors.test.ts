import { describe, expect, it } from 'vitest';
import { messageOf } from '../../common/errors.js';

describe('messageOf', () => {
  it("gives an error's message, and anything else thrown as text", () => {
    expect(messageOf(new RangeError('port must be a whole number'))).toBe('port must be a whole number');
    expect(messageOf('plain words')).toBe('plain words');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(null)).toBe('null');
  });
});
