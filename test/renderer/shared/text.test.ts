// The text helpers both pages use.
import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../../renderer/shared/text.js';

describe('utf8Length', () => {
  it('counts bytes as the room does', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('你好')).toBe(6);
    expect(utf8Length('🦊')).toBe(4);
  });
});
