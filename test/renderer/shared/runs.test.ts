// Runs of messages: one author, one minute of the clock.
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../common/model.js';
import { continuesRun } from '../../../renderer/shared/runs.js';

const at = (iso: string, from = 'a', seq = 1): ChatMessage => ({
  seq,
  ts: Date.parse(iso),
  from: { id: from, name: from, kind: 'rich' },
  text: 'x',
});

describe('continuesRun', () => {
  it('joins messages of one author within the same minute', () => {
    expect(continuesRun(at('2026-11-30T12:34:00Z'), at('2026-11-30T12:34:59Z'))).toBe(true);
  });

  it('starts a new run for another author, another minute, or the first message', () => {
    expect(continuesRun(at('2026-11-30T12:34:10Z', 'a'), at('2026-11-30T12:34:20Z', 'b'))).toBe(false);
    // Two seconds apart, but 12:34 and 12:35 on the clock.
    expect(continuesRun(at('2026-11-30T12:34:59Z'), at('2026-11-30T12:35:01Z'))).toBe(false);
    expect(continuesRun(undefined, at('2026-11-30T12:34:00Z'))).toBe(false);
  });
});
