// The in-memory history: bounded, filled from the log, and what a joining or resuming client gets.
import { describe, expect, it } from 'vitest';
import type { ChatMessage, RoomEvent } from '../../../common/model.js';
import type { HistoryLog } from '../../../electron/room/history-log.js';
import { RecentHistory } from '../../../electron/room/recent-history.js';

const message = (seq: number, text = `m${seq}`): ChatMessage => ({ seq, ts: seq, from: { id: 'p1', name: 'Ann', kind: 'rich' }, text });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
const seqs = (list: ChatMessage[]) => list.map((m) => m.seq);
const PLENTY = 1 << 20;

/** A stored log that holds messages 1..`lastSeq`. */
function storedLog(lastSeq: number): HistoryLog {
  return {
    lastSeq,
    recent: (limit) => range(Math.max(1, lastSeq - limit + 1), lastSeq),
    find: () => undefined,
    appendSync: () => {},
    clear: () => {},
    close: () => {},
  };
}

describe('RecentHistory', () => {
  it('refuses a size that is not a whole number of at least 1', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => new RecentHistory(size), String(size)).toThrow(RangeError);
  });

  it('starts from the newest messages of the log and its last seq', () => {
    const history = new RecentHistory(3, storedLog(40));
    expect(seqs(history.recent())).toEqual([38, 39, 40]);
    expect(history.deliveredSeq).toBe(40);
    expect(new RecentHistory(3).deliveredSeq).toBe(0);
  });

  it('keeps the newest `size` messages however many are added', () => {
    const history = new RecentHistory(5);
    for (let seq = 1; seq <= 23; seq++) history.add([message(seq)]);
    history.add([]);
    expect(seqs(history.recent())).toEqual([19, 20, 21, 22, 23]);
    expect(history.deliveredSeq).toBe(23);
  });

  it('forgets everything on clear, but not where numbering is', () => {
    const history = new RecentHistory(5);
    history.add(range(1, 3));
    history.clear();
    expect(history.recent()).toEqual([]);
    expect(history.deliveredSeq).toBe(3);
    expect(history.since(undefined, PLENTY)).toEqual({ history: [], resumed: false });
  });

  describe('since', () => {
    // Added in one go past twice the size: trimmed to 8..12, then two more.
    const history = new RecentHistory(5);
    history.add(range(1, 12));
    history.add(range(13, 14));

    it('gives a newcomer the recent history', () => {
      expect(history.since(undefined, PLENTY)).toEqual({ history: range(10, 14), resumed: false });
    });

    it('gives a resuming client exactly what it missed while that is still held', () => {
      expect(history.since(11, PLENTY)).toEqual({ history: range(12, 14), resumed: true });
      expect(history.since(14, PLENTY)).toEqual({ history: [], resumed: true });
      // The ring holds more than `size` between trims: what it holds may be resumed from.
      expect(history.since(7, PLENTY)).toEqual({ history: range(8, 14), resumed: true });
    });

    it('gives the recent history, not resumed, when the client is too far behind or ahead', () => {
      expect(history.since(2, PLENTY)).toEqual({ history: range(10, 14), resumed: false });
      expect(history.since(99, PLENTY)).toEqual({ history: range(10, 14), resumed: false });
    });

    it('keeps to the byte budget, newest first, and then is not a resume', () => {
      const big = new RecentHistory(10);
      big.add([message(1, 'a'.repeat(1000)), message(2, 'b'.repeat(1000)), message(3, 'c')]);
      const { history: cut, resumed } = big.since(0, 3500);
      expect(seqs(cut)).toEqual([2, 3]);
      expect(resumed).toBe(false);
      expect(big.since(0, 100).history).toEqual([]);
    });
  });

  describe('room events', () => {
    const event = (afterSeq: number): RoomEvent => ({
      type: 'join',
      ts: afterSeq,
      afterSeq,
      participant: { id: `p${afterSeq}`, name: 'x', kind: 'rich' },
    });
    const kept = (e: RoomEvent) => ({ event: e, json: JSON.stringify(e) });

    it('replays the events among a history: from just before its first message, none without messages', () => {
      const history = new RecentHistory(5);
      history.addEvents([0, 1, 2, 3].map((n) => kept(event(n))));
      expect(history.eventsAmong([], PLENTY)).toEqual([]);
      expect(history.eventsAmong([message(3), message(4)], PLENTY).map((e) => e.event.afterSeq)).toEqual([2, 3]);
      expect(history.eventsAmong([message(1)], 2 * JSON.stringify(event(0)).length).map((e) => e.event.afterSeq)).toEqual([2, 3]);
    });

    it('starts from the events of the log, and forgets them on clear', () => {
      const log = storedLog(3);
      log.recent = () => [event(0), ...range(1, 3), event(3)];
      const history = new RecentHistory(5, log);
      expect(seqs(history.recent())).toEqual([1, 2, 3]);
      expect(history.recentEvents()).toEqual([event(0), event(3)]);
      history.clear();
      expect(history.recentEvents()).toEqual([]);
    });

    it('turns a message it holds into its tombstone, once', () => {
      const history = new RecentHistory(5);
      history.add(range(1, 3));
      expect(history.holds(2)).toBe(true);
      expect(history.holds(4)).toBe(false);
      expect(history.remove(2)).toEqual(message(2));
      expect(history.remove(2)).toBeUndefined();
      expect(history.recent()[1]).toEqual({ seq: 2, ts: 2, from: message(2).from, text: '', removed: true });
    });
  });
});
