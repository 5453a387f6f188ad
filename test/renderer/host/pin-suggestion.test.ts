// The PIN the host window suggests: valid for the room, six characters that are hard to misread, random.
import { describe, expect, it } from 'vitest';
import { validateSetting } from '../../../common/settings.js';
import { suggestPin } from '../../../renderer/host/pin-suggestion.js';

describe('suggestPin', () => {
  it('suggests six unambiguous lower-case letters and digits that the room accepts, different each time', () => {
    const pins = Array.from({ length: 200 }, suggestPin);
    for (const pin of pins) {
      expect(pin).toMatch(/^[a-hjkmnp-z2-9]{6}$/);
      expect(validateSetting('pin', pin)).toBe(pin);
    }
    expect(new Set(pins).size).toBe(200);
  });
});
