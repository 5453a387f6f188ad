// The page's state rules without a browser: dedupe by seq, pending until the room's copy, presence,
// typing, and a room whose numbering started over.
import { describe, expect, it } from 'vitest';
import type { ServerMessage, WelcomeMessage } from '../../../common/protocol.js';
import type { ChatMessage, Participant } from '../../../common/model.js';
import {
  addPending,
  applyServerMessages,
  initialChatState,
  MAX_FILE_MESSAGES_PER_RENDER,
  MAX_TIMELINE,
  pruneTyping,
  splitRenderBatch,
  type ChatState,
} from '../../../renderer/peer/chat-state.js';

const host: Participant = { id: 'host', name: 'Host', kind: 'host' };
const alice: Participant = { id: 'a', name: 'Alice', kind: 'rich' };
const bob: Participant = { id: 'b', name: 'Bob', kind: 'rich' };

const chat = (seq: number, from: Participant, text = `m${seq}`, clientMsgId?: string): ChatMessage & { type: 'chat' } => ({
  type: 'chat',
  seq,
  ts: 1_000 + seq,
  from,
  text,
  ...(clientMsgId ? { clientMsgId } : {}),
});

function welcome(history: ChatMessage[], extra: Partial<WelcomeMessage> = {}): WelcomeMessage {
  return {
    type: 'welcome',
    v: 1,
    you: alice,
    session: 's',
    room: {
      id: 'room-1',
      name: 'Room',
      hostName: 'Host',
      maxMessageBytes: 100,
      maxNameLength: 32,
      heartbeatMs: 15_000,
      maxFileBytes: 1000,
      maxUploadsAtOnce: 3,
      locked: false,
      slowModeSeconds: 0,
    },
    events: [],
    participants: [alice, host, bob],
    history,
    resumed: false,
    lastSeq: history.at(-1)?.seq ?? 0,
    ...extra,
  };
}

const apply = (state: ChatState, ...frames: ServerMessage[]) => applyServerMessages(state, frames, 0);
const texts = (state: ChatState) => state.timeline.flatMap((i) => (i.kind === 'chat' ? [i.message.text] : []));

describe('applyServerMessages', () => {
  it('takes the welcome: me, room, participants with the host first, history', () => {
    const { state, incoming } = apply(initialChatState, welcome([chat(1, bob), chat(2, host)]));
    expect(state.me).toEqual(alice);
    expect(state.roomName).toBe('Room');
    expect(state.maxMessageBytes).toBe(100);
    expect(state.participants.map((p) => p.id)).toEqual(['host', 'a', 'b']);
    expect(texts(state)).toEqual(['m1', 'm2']);
    expect(state.lastSeq).toBe(2);
    // The first history is not "new" to a person who just arrived.
    expect(incoming).toBe(0);
  });

  it('ignores chat it already has (by seq), also when a resume repeats it', () => {
    let { state } = apply(initialChatState, welcome([chat(1, bob)]));
    ({ state } = apply(state, chat(2, bob), chat(2, bob), chat(1, bob)));
    ({ state } = apply(state, welcome([chat(2, bob), chat(3, bob)], { resumed: true, lastSeq: 3 })));
    expect(texts(state)).toEqual(['m1', 'm2', 'm3']);
    expect(new Set(state.timeline.map((i) => i.key)).size).toBe(state.timeline.length);
  });

  it('keeps an own message pending until the room’s copy with its clientMsgId arrives, then marks it own', () => {
    let { state } = apply(initialChatState, welcome([]));
    state = addPending(state, { clientMsgId: 'c1', text: 'hi', createdAt: 0 });
    expect(state.pending).toHaveLength(1);
    // After a room restart the id differs; the clientMsgId still identifies it.
    const { state: after, incoming } = apply(state, chat(1, { ...alice, id: 'other-id' }, 'hi', 'c1'));
    expect(after.pending).toEqual([]);
    expect(after.timeline[0]).toMatchObject({ kind: 'chat', own: true });
    expect(incoming).toBe(0);
  });

  it('marks a refused pending message with the reason and ignores rate limits (the room keeps those)', () => {
    let { state } = apply(initialChatState, welcome([]));
    state = addPending(state, { clientMsgId: 'c1', text: 'x', createdAt: 0 });
    state = addPending(state, { clientMsgId: 'c2', text: 'y', createdAt: 0 });
    ({ state } = apply(
      state,
      { type: 'error', code: 'too-long', message: '', clientMsgId: 'c1' },
      { type: 'error', code: 'rate-limited', message: '', clientMsgId: 'c2' },
    ));
    expect(state.pending.map((p) => p.error)).toEqual(['too-long', undefined]);
  });

  it('counts live chat from others as incoming, not own', () => {
    let { state } = apply(initialChatState, welcome([]));
    const result = apply(state, chat(1, bob), chat(2, alice), chat(3, host));
    state = result.state;
    expect(result.incoming).toBe(2);
    expect(state.timeline.map((i) => i.kind === 'chat' && i.own)).toEqual([false, true, false]);
  });

  it('tracks presence: joins, renames and leaves update People and add lines (not for our own join)', () => {
    let { state } = apply(initialChatState, welcome([]));
    const carol: Participant = { id: 'c', name: 'Carol', kind: 'raw' };
    ({ state } = apply(
      state,
      { type: 'join', ts: 1, afterSeq: 0, participant: carol },
      { type: 'join', ts: 1, afterSeq: 0, participant: alice },
      { type: 'rename', ts: 2, afterSeq: 0, participant: { ...bob, name: 'Robert' }, oldName: 'Bob' },
      { type: 'leave', ts: 3, afterSeq: 0, participant: carol, reason: 'left' },
    ));
    expect(state.participants.map((p) => p.name)).toEqual(['Host', 'Alice', 'Robert']);
    expect(state.timeline.map((i) => (i.kind === 'presence' ? i.event.type : i.kind))).toEqual(['join', 'rename', 'leave']);
  });

  it('marks people away and back in People without a line in the log', () => {
    let { state } = apply(initialChatState, welcome([]));
    ({ state } = apply(state, { type: 'away', ts: 1, afterSeq: 0, participant: { ...bob, away: true } }));
    expect(state.participants.find((p) => p.id === bob.id)).toEqual({ ...bob, away: true });
    ({ state } = apply(state, { type: 'back', ts: 2, afterSeq: 0, participant: bob }));
    expect(state.participants.find((p) => p.id === bob.id)).toEqual(bob);
    expect(state.timeline).toEqual([]);
  });

  it('shows typing until stopped, a message from that person, or expiry; never our own', () => {
    let { state } = apply(initialChatState, welcome([]));
    ({ state } = applyServerMessages(
      state,
      [
        { type: 'typing', participant: bob, typing: true },
        { type: 'typing', participant: alice, typing: true },
      ],
      100,
    ));
    expect(state.typing.map((t) => t.participant.id)).toEqual(['b']);
    expect(pruneTyping(state, 100)).toBe(state);
    expect(pruneTyping(state, 100 + 60_000).typing).toEqual([]);
    ({ state } = apply(state, chat(1, bob)));
    expect(state.typing).toEqual([]);
  });

  it('starts counting again when a restarted room numbers from scratch, marking the gap', () => {
    let { state } = apply(initialChatState, welcome([chat(5, bob), chat(6, bob)]));
    ({ state } = apply(state, welcome([chat(1, bob, 'new room')], { lastSeq: 1 })));
    expect(texts(state)).toEqual(['m5', 'm6', 'new room']);
    expect(state.epoch).toBe(1);
    // A resume that could not continue (history starts after a hole) says so.
    ({ state } = apply(state, welcome([chat(9, bob)], { lastSeq: 9 })));
    expect(state.timeline.at(-2)?.kind).toBe('gap');
    expect(new Set(state.timeline.map((i) => i.key)).size).toBe(state.timeline.length);
  });

  it('empties the timeline when the host clears the history, keeps pending messages, and never takes older chat back', () => {
    let { state } = apply(initialChatState, welcome([chat(1, bob), chat(2, host)]));
    state = addPending(state, { clientMsgId: 'c1', text: 'mine', createdAt: 0 });
    const before = state;
    ({ state } = apply(state, { type: 'history-cleared', lastSeq: 3 }, chat(3, bob), chat(4, bob)));
    expect(state.timeline.map((i) => i.kind)).toEqual(['cleared', 'chat']);
    expect(texts(state)).toEqual(['m4']);
    expect(state.lastSeq).toBe(4);
    expect(state.pending).toHaveLength(1);
    // The state it came from is untouched (the view may still be rendering it).
    expect(texts(before)).toEqual(['m1', 'm2']);
  });

  it('keeps at most MAX_TIMELINE entries, the newest', () => {
    let { state } = apply(initialChatState, welcome([]));
    const flood = Array.from({ length: MAX_TIMELINE + 5 }, (_, i) => chat(i + 1, bob));
    ({ state } = apply(state, ...flood));
    expect(state.timeline).toHaveLength(MAX_TIMELINE);
    expect(texts(state).at(-1)).toBe(`m${MAX_TIMELINE + 5}`);
    expect(state.lastSeq).toBe(MAX_TIMELINE + 5);
    // Also across batches, trimming only its own copy.
    const previous = state;
    ({ state } = apply(state, chat(MAX_TIMELINE + 6, bob)));
    expect(state.timeline).toHaveLength(MAX_TIMELINE);
    expect(previous.timeline).toHaveLength(MAX_TIMELINE);
    expect(texts(previous).at(-1)).toBe(`m${MAX_TIMELINE + 5}`);
  });
});

describe('render batches', () => {
  it('takes every frame, but at most MAX_FILE_MESSAGES_PER_RENDER file messages, leaving the rest for the next render', () => {
    const file = { id: 'AAAAAAAAAAAAAAAAAAAAAAAA', name: 'p.jpg', size: 1, type: 'image/jpeg', sha256: 'a'.repeat(64) };
    const frames: ServerMessage[] = [];
    for (let seq = 1; seq <= MAX_FILE_MESSAGES_PER_RENDER + 5; seq++) {
      frames.push(chat(seq * 2 - 1, bob, `text ${seq}`));
      frames.push({ ...chat(seq * 2, bob, ''), files: [file] });
    }
    const { now, later } = splitRenderBatch(frames);
    expect(now.filter((f) => f.type === 'chat' && f.files).length).toBe(MAX_FILE_MESSAGES_PER_RENDER);
    expect([...now, ...later]).toEqual(frames);
    expect(later[0]).toMatchObject({ files: [file] });
    expect(splitRenderBatch(frames.slice(0, 4))).toEqual({ now: frames.slice(0, 4), later: [] });
  });
});

describe('the host’s rules and the room events', () => {
  const lines = (state: ChatState) =>
    state.timeline.map((i) =>
      i.kind === 'chat'
        ? i.message.text
        : i.kind === 'moderation'
          ? i.event.action
          : i.kind === 'presence'
            ? `${i.event.type}:${i.event.participant.name}`
            : i.kind,
    );

  it('replays the welcome’s events among the history on a fresh page, not on a reconnect', () => {
    const renamed = { ...bob, name: 'Robert' };
    const events: WelcomeMessage['events'] = [
      { type: 'join', ts: 1, afterSeq: 0, participant: alice },
      { type: 'join', ts: 1, afterSeq: 0, participant: bob },
      { type: 'rename', ts: 2, afterSeq: 1, participant: renamed, oldName: 'Bob' },
      { type: 'moderation', ts: 3, afterSeq: 2, action: 'lock' },
    ];
    const { state } = apply(initialChatState, welcome([chat(1, bob), chat(2, renamed)], { events }));
    // My own join is no news to me.
    expect(lines(state)).toEqual(['join:Bob', 'm1', 'rename:Robert', 'm2', 'lock']);
    const again = apply(state, welcome([chat(1, bob), chat(2, renamed), chat(3, host)], { events }));
    expect(lines(again.state)).toEqual(['join:Bob', 'm1', 'rename:Robert', 'm2', 'lock', 'm3']);
  });

  it('follows the room’s name, lock and slow mode live', () => {
    const { state } = apply(apply(initialChatState, welcome([])).state, {
      type: 'room',
      room: {
        id: 'room-1',
        name: 'Club',
        hostName: 'Mei',
        maxMessageBytes: 50,
        maxNameLength: 32,
        heartbeatMs: 15_000,
        maxFileBytes: 1000,
        maxUploadsAtOnce: 3,
        locked: true,
        slowModeSeconds: 30,
      },
    });
    expect([state.roomName, state.maxMessageBytes, state.locked, state.slowModeSeconds]).toEqual(['Club', 50, true, 30]);
  });

  it('knows when it is muted (from the welcome or a line about itself), on its own clock', () => {
    const start = applyServerMessages(initialChatState, [welcome([], { muted: { forMs: 60_000 } })], 5_000).state;
    expect(start.muted).toEqual({ until: 65_000 });
    const aboutBob = applyServerMessages(
      start,
      [{ type: 'moderation', ts: 1, afterSeq: 0, action: 'unmute', target: { name: 'Bob', id: 'b' } }],
      6_000,
    ).state;
    expect(aboutBob.muted).toEqual({ until: 65_000 });
    const unmuted = applyServerMessages(
      aboutBob,
      [{ type: 'moderation', ts: 1, afterSeq: 0, action: 'unmute', target: { name: 'Alice', id: 'a' } }],
      7_000,
    ).state;
    expect(unmuted.muted).toBeNull();
    // The room's clock says 1,000,000; what counts is the ten minutes from now.
    const again = applyServerMessages(
      unmuted,
      [{ type: 'moderation', ts: 1_000_000, afterSeq: 0, action: 'mute', target: { name: 'Alice', id: 'a' }, until: 1_600_000 }],
      8_000,
    ).state;
    expect(again.muted).toEqual({ until: 608_000 });
    expect(lines(again).filter((l) => l === 'mute' || l === 'unmute')).toEqual(['unmute', 'unmute', 'mute']);
  });

  it('replaces a removed message by its tombstone and leaves the rest', () => {
    const { state } = apply(
      initialChatState,
      welcome([chat(1, bob), chat(2, bob, 'oops')]),
      { type: 'message-removed', seq: 2 },
      { type: 'message-removed', seq: 9 },
    );
    const items = state.timeline.flatMap((i) => (i.kind === 'chat' ? [i.message] : []));
    expect(items.map((m) => [m.seq, m.text, m.removed])).toEqual([
      [1, 'm1', undefined],
      [2, '', true],
    ]);
  });

  it('keeps a message refused by slow mode pending (it goes again), but marks a muted one as not sent', () => {
    let state = addPending(apply(initialChatState, welcome([])).state, { clientMsgId: 'x', text: 'soon', createdAt: 0 });
    state = addPending(state, { clientMsgId: 'y', text: 'hush', createdAt: 0 });
    state = apply(
      state,
      { type: 'error', code: 'slow-mode', message: '', clientMsgId: 'x', retryAfterMs: 1000 },
      { type: 'error', code: 'muted', message: '', clientMsgId: 'y' },
    ).state;
    expect(state.pending.map((p) => [p.text, p.error])).toEqual([
      ['soon', undefined],
      ['hush', 'muted'],
    ]);
  });
});
