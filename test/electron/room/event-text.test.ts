// Room events in English, as the export, the console and raw clients read them.
import { describe, expect, it } from 'vitest';
import type { RoomEvent } from '../../../common/model.js';
import { duration, roomEventText } from '../../../electron/room/event-text.js';

const ann = { id: 'a', name: 'Ann', kind: 'rich' } as const;
const at = { ts: 1_000_000, afterSeq: 0 };

describe('roomEventText', () => {
  it.each<[RoomEvent, string]>([
    [{ type: 'join', ...at, participant: ann }, 'Ann joined'],
    [{ type: 'leave', ...at, participant: ann, reason: 'timeout' }, 'Ann lost connection'],
    [{ type: 'leave', ...at, participant: ann, reason: 'kicked' }, 'Ann was removed by the host'],
    [{ type: 'leave', ...at, participant: ann, reason: 'pin-changed' }, "Ann left: the room's PIN changed"],
    [{ type: 'rename', ...at, participant: { ...ann, name: 'Annie' }, oldName: 'Ann' }, 'Ann is now Annie'],
    [{ type: 'moderation', ...at, action: 'mute', target: { name: 'Ann' }, until: null }, 'The host muted Ann until further notice'],
    [{ type: 'moderation', ...at, action: 'mute', target: { name: 'Ann' }, until: at.ts + 3_600_000 }, 'The host muted Ann for 1 hour'],
    [{ type: 'moderation', ...at, action: 'unmute', target: { name: 'Ann' }, expired: true }, 'Ann may send messages again'],
    [{ type: 'moderation', ...at, action: 'unban', target: { name: 'Ann' } }, 'The host lifted the ban on Ann'],
    [{ type: 'moderation', ...at, action: 'unlock' }, 'The host unlocked the room'],
    [{ type: 'moderation', ...at, action: 'waiting-room', on: false }, 'The waiting room is closed: newcomers join at once'],
    [{ type: 'moderation', ...at, action: 'slow-mode', seconds: 90 }, 'Slow mode: one message every 2 minutes per person'],
    [{ type: 'moderation', ...at, action: 'pin', change: 'set' }, 'The host set a PIN'],
    [{ type: 'moderation', ...at, action: 'room-name', name: 'Club', oldName: 'LAN Chat' }, 'The host renamed the room to Club'],
  ])('%j', (event, text) => {
    expect(roomEventText(event)).toBe(text);
  });
});

describe('duration', () => {
  it('rounds to whole units', () => {
    expect([400, 45_000, 600_000, 5_400_000, 7_200_000].map(duration)).toEqual([
      '1 second',
      '45 seconds',
      '10 minutes',
      '1 hour 30 minutes',
      '2 hours',
    ]);
  });
});
