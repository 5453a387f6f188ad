// Messages and room events as one history.
import { describe, expect, it } from 'vitest';
import { interleave, isRoomEvent, tombstone } from '../../common/history.js';
import type { ChatMessage, RoomEvent } from '../../common/model.js';

const from = { id: 'a', name: 'Ann', kind: 'rich' } as const;
const message = (seq: number): ChatMessage => ({ seq, ts: seq, from, text: `m${seq}`, clientMsgId: 'c' });
const event = (afterSeq: number): RoomEvent => ({ type: 'join', ts: afterSeq, afterSeq, participant: from });

describe('interleave', () => {
  it('puts an event after the message it follows and before the next', () => {
    const list = interleave([message(1), message(2), message(5)], [event(0), event(1), event(1), event(3), event(9)]);
    expect(list.map((r) => (isRoomEvent(r) ? `e${r.afterSeq}` : `m${r.seq}`))).toEqual(['e0', 'm1', 'e1', 'e1', 'm2', 'e3', 'm5', 'e9']);
  });
});

describe('tombstone', () => {
  it('keeps who and when, drops the text and anything else', () => {
    expect(tombstone(message(3))).toEqual({ seq: 3, ts: 3, from, text: '', removed: true });
  });
});
