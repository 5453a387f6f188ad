// The page's heartbeat on its own, with a clock the test moves: pings only after silence, a ping that
// is answered keeps the connection, one that is not declares it dead, once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from '../../../renderer/peer/heartbeat.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function watch(heartbeatMs = 1000) {
  const calls: string[] = [];
  const heartbeat = new Heartbeat({ ping: () => calls.push('ping'), dead: () => calls.push('dead'), now: () => Date.now() });
  heartbeat.start(heartbeatMs);
  return { heartbeat, calls };
}

describe('Heartbeat', () => {
  it('sends nothing while the room keeps talking', () => {
    const { heartbeat, calls } = watch();
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(200);
      heartbeat.heard();
    }
    expect(calls).toEqual([]);
  });

  it('pings after half an interval of silence; while pings are answered the connection stays', () => {
    const { heartbeat, calls } = watch();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['ping']);
    // A room that answers every ping at once (the page counts any frame, the pong included).
    for (let i = 0; i < 10; i++) {
      heartbeat.heard();
      vi.advanceTimersByTime(500);
    }
    expect(calls).toEqual(Array(11).fill('ping'));
  });

  it('declares the connection dead when a ping goes unanswered, within one and a half intervals, once', () => {
    const { calls } = watch();
    vi.advanceTimersByTime(1500);
    expect(calls).toEqual(['ping', 'dead']);
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual(['ping', 'dead']);
  });

  it('checks nothing once stopped', () => {
    const { heartbeat, calls } = watch();
    heartbeat.stop();
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual([]);
  });
});
