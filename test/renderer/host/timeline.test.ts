// The host window's history without a browser: overlap dropped by sequence number, positions that
// never shift, the memory cap, clearing, and one notification per batch.
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Participant, PresenceEvent } from '../../../common/model.js';
import { Timeline } from '../../../renderer/host/timeline.js';
import { timelineLabels as labels } from '../../support/timeline-labels.js';

const alice: Participant = { id: 'a', name: 'Alice', kind: 'rich' };
const chat = (seq: number): ChatMessage => ({ seq, ts: 1_000 + seq, from: alice, text: `m${seq}` });
const joined: PresenceEvent = { type: 'join', ts: 1, afterSeq: 0, participant: alice };

describe('Timeline', () => {
  it('appends chat and presence in arrival order, skipping chat it already has', () => {
    const timeline = new Timeline();
    timeline.addChat(chat(1));
    timeline.addPresence(joined);
    timeline.addChat(chat(2));
    // The snapshot and the event stream overlap: the same messages come twice, or older ones late.
    timeline.addChat(chat(2));
    timeline.addChat(chat(1));
    timeline.addChat(chat(3));
    expect(labels(timeline)).toEqual(['m1', 'presence', 'm2', 'm3']);
    expect(timeline.chatCount).toBe(3);
    expect(new Set(labels(timeline).map((_, i) => timeline.at(i)!.key)).size).toBe(4);
  });

  it('keeps at most `cap` items, the newest, without moving the position of any item kept', () => {
    const timeline = new Timeline(10);
    for (let seq = 1; seq <= 8; seq++) timeline.addChat(chat(seq));
    const m8 = timeline.at(7);
    for (let seq = 9; seq <= 40; seq++) timeline.addChat(chat(seq));
    expect(timeline.length).toBe(10);
    expect(labels(timeline)).toEqual(Array.from({ length: 10 }, (_, i) => `m${31 + i}`));
    expect(timeline.first).toBe(30);
    expect(timeline.end).toBe(40);
    // A dropped position is gone; a kept one still holds what it held.
    expect(timeline.at(7)).toBeUndefined();
    expect(m8?.kind === 'chat' && m8.message.seq).toBe(8);
    expect(timeline.at(35)).toMatchObject({ kind: 'chat', message: { seq: 36 } });
    expect(timeline.chatCount).toBe(40);
  });

  it('starts over after a clear with one line saying so, past every earlier position', () => {
    const timeline = new Timeline();
    for (let seq = 1; seq <= 3; seq++) timeline.addChat(chat(seq));
    timeline.clear(5_000);
    expect(labels(timeline)).toEqual(['cleared']);
    expect(timeline.clears).toBe(1);
    expect(timeline.first).toBe(3);
    expect(timeline.at(3)).toMatchObject({ kind: 'cleared', ts: 5_000 });
    expect(timeline.at(0)).toBeUndefined();
    // Numbering goes on: older chat does not come back, newer chat follows the line.
    timeline.addChat(chat(2));
    timeline.addChat(chat(4));
    expect(labels(timeline)).toEqual(['cleared', 'm4']);
  });

  it('tells its listeners once per committed batch, with a new version each time', () => {
    const timeline = new Timeline();
    let calls = 0;
    const unsubscribe = timeline.subscribe(() => calls++);
    const before = timeline.getVersion();
    for (let seq = 1; seq <= 100; seq++) timeline.addChat(chat(seq));
    expect(calls).toBe(0);
    timeline.commit();
    expect(calls).toBe(1);
    expect(timeline.getVersion()).not.toBe(before);
    unsubscribe();
    timeline.commit();
    expect(calls).toBe(1);
  });

  it('turns a removed message into its tombstone in place, as a new item so its row redraws', () => {
    const timeline = new Timeline();
    for (let seq = 1; seq <= 3; seq++) timeline.addChat(chat(seq));
    const before = timeline.at(1);
    timeline.removeMessage(2);
    timeline.removeMessage(99);
    expect(labels(timeline)).toEqual(['m1', '', 'm3']);
    expect(timeline.at(1)).not.toBe(before);
    expect(timeline.at(1)).toMatchObject({ key: 'c2', message: { seq: 2, removed: true } });
  });
});
