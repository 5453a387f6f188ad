// The friendly names a first-time visitor is offered.
import { describe, expect, it } from 'vitest';
import { randomName } from '../../../renderer/peer/random-name.js';

describe('randomName', () => {
  it('suggests two-word English and Chinese names', () => {
    expect(randomName('en', () => 0)).toBe('Amber Badger');
    expect(randomName('zh-CN', () => 0.999)).toMatch(/^\p{Script=Han}+$/u);
  });
});
