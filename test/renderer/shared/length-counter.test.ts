// The length of a message as people count it: characters left near the limit, characters too many
// past it, over the room's byte limit.
import { describe, expect, it } from 'vitest';
import { measureLength } from '../../../renderer/shared/length-counter.js';

describe('measureLength', () => {
  it('counts what still fits in characters of the kind typed so far', () => {
    expect(measureLength('a'.repeat(90), 100)).toEqual({ bytes: 90, over: false, left: 10, tooMany: 0 });
    // Three bytes a Chinese character: 30 of them fill 90 bytes, three more fit in the 10 left.
    expect(measureLength('你'.repeat(30), 100)).toEqual({ bytes: 90, over: false, left: 3, tooMany: 0 });
    expect(measureLength('', 100)).toEqual({ bytes: 0, over: false, left: 100, tooMany: 0 });
  });

  it('says exactly how many characters to take off the end of a text that is too long', () => {
    expect(measureLength('a'.repeat(103), 100)).toMatchObject({ over: true, left: 0, tooMany: 3 });
    // 34 Chinese characters are 102 bytes: one off the end leaves 99.
    expect(measureLength('你'.repeat(34), 100)).toMatchObject({ over: true, tooMany: 1 });
    // An emoji with a skin tone is one character of 8 bytes.
    expect(measureLength(`${'a'.repeat(96)}👍🏽`, 100)).toMatchObject({ bytes: 104, over: true, tooMany: 1 });
  });
});
