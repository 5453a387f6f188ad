// Which Enter sends, for both composers: the rule without a browser. Both pages' Chromium tests press
// the keys for real (test/renderer/peer/App.test.ts, test/renderer/host/App.test.ts).
import { describe, expect, it } from 'vitest';
import { isSendKey, type EnterKey } from '../../../renderer/shared/enter-to-send.js';

const key = (change: Partial<EnterKey> = {}): EnterKey => ({ key: 'Enter', shiftKey: false, keyCode: 13, isComposing: false, ...change });

describe('isSendKey', () => {
  it('sends on Enter, not on Shift+Enter or other keys', () => {
    expect(isSendKey(key(), false)).toBe(true);
    expect(isSendKey(key({ shiftKey: true }), false)).toBe(false);
    expect(isSendKey(key({ key: 'a', keyCode: 65 }), false)).toBe(false);
  });

  it('never sends on the Enter that confirms an input-method candidate', () => {
    // Chromium and Firefox flag the key itself.
    expect(isSendKey(key({ isComposing: true }), false)).toBe(false);
    // A composition is open even when the key is not flagged.
    expect(isSendKey(key(), true)).toBe(false);
    // Safari: the confirming Enter comes after compositionend, flagged only by keyCode 229.
    expect(isSendKey(key({ keyCode: 229 }), false)).toBe(false);
  });
});
