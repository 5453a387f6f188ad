// When "typing" goes to the room and when it is withdrawn.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TypingMessage } from '../../../common/protocol.js';
import { TypingNotice } from '../../../renderer/peer/typing-notice.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('TypingNotice', () => {
  it('says "typing" once per refresh, "stopped" on an empty box or a pause, nothing twice', () => {
    vi.useFakeTimers();
    const sent: boolean[] = [];
    const notice = new TypingNotice((m: TypingMessage) => (sent.push(m.typing), true));
    notice.typed('h');
    notice.typed('he');
    vi.advanceTimersByTime(3_100);
    notice.typed('hel');
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(4_000);
    expect(sent).toEqual([true, true, false]);
    notice.stop();
    notice.typed('x');
    notice.typed('');
    expect(sent).toEqual([true, true, false, true, false]);
  });

  it('after the connection is gone it sends nothing, and starts over', () => {
    vi.useFakeTimers();
    const sent: boolean[] = [];
    const notice = new TypingNotice((m: TypingMessage) => (sent.push(m.typing), true));
    notice.typed('x');
    notice.forget();
    vi.advanceTimersByTime(10_000);
    notice.stop();
    notice.typed('y');
    expect(sent).toEqual([true, true]);
  });
});
