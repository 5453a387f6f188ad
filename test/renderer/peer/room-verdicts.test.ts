// The room's refusals as the page's states.
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../common/protocol.js';
import { endsSession, verdictOfClose, verdictOfError } from '../../../renderer/peer/room-verdicts.js';

describe('verdictOfError', () => {
  it('turns the errors that end a session into states, and leaves the rest alone', () => {
    expect(verdictOfError('pin-required', undefined, 0)).toEqual({ phase: 'pin', wrong: false });
    expect(verdictOfError('pin-locked', 30_000, 0)).toEqual({ phase: 'pin', wrong: true, waitUntil: 30_000, limit: 'address' });
    expect(verdictOfError('pin-rate-limited', 5_000, 10)).toEqual({ phase: 'pin', wrong: true, waitUntil: 5_010, limit: 'room' });
    expect(verdictOfError('pin-changed', undefined, 0)).toEqual({ phase: 'pin', wrong: false, changed: true });
    expect(verdictOfError('banned', 60_000, 1000)).toEqual({ phase: 'stopped', reason: 'banned', until: 61_000 });
    expect(verdictOfError('banned', undefined, 1000)).toEqual({ phase: 'stopped', reason: 'banned', until: null });
    expect(verdictOfError('locked', undefined, 0)).toEqual({ phase: 'stopped', reason: 'locked' });
    expect(verdictOfError('turned-away', undefined, 0)).toEqual({ phase: 'stopped', reason: 'turned-away' });
    for (const code of ['muted', 'slow-mode', 'rate-limited', 'waiting', 'too-long'] as const)
      expect(verdictOfError(code, 5, 0)).toBeNull();
  });
});

describe('verdictOfClose', () => {
  it('knows the room’s close codes; any other close means reconnect', () => {
    expect(verdictOfClose(CloseCode.kicked)).toEqual({ phase: 'stopped', reason: 'kicked' });
    expect(verdictOfClose(CloseCode.banned)).toEqual({ phase: 'stopped', reason: 'banned', until: null });
    expect(verdictOfClose(CloseCode.locked)).toEqual({ phase: 'stopped', reason: 'locked' });
    expect(verdictOfClose(CloseCode.turnedAway)).toEqual({ phase: 'stopped', reason: 'turned-away' });
    expect(verdictOfClose(CloseCode.pinChanged)).toEqual({ phase: 'pin', wrong: false, changed: true });
    for (const code of [1000, 1001, 1006, 1008, 4999]) expect(verdictOfClose(code)).toBeNull();
  });
});

describe('endsSession', () => {
  it('forgets the session after a kick, a ban or a new PIN, and keeps it otherwise', () => {
    for (const code of [CloseCode.kicked, CloseCode.banned, CloseCode.pinChanged]) expect(endsSession(verdictOfClose(code)!)).toBe(true);
    for (const code of [CloseCode.locked, CloseCode.turnedAway, CloseCode.pinRequired, CloseCode.pinWrong])
      expect(endsSession(verdictOfClose(code)!)).toBe(false);
  });
});
