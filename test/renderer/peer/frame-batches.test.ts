// How frames from the room reach the view (FrameBatches): with a clock the test moves, a frame after a
// quiet spell in the next task, one batch per 50 ms under a flood, a welcome at once, file messages
// ten to a batch; then a real flood from a real room on 127.0.0.1, every frame once and in order.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Participant } from '../../../common/model.js';
import type { ServerMessage } from '../../../common/protocol.js';
import { MAX_FILE_MESSAGES_PER_RENDER } from '../../../renderer/peer/chat-state.js';
import { FrameBatches } from '../../../renderer/peer/frame-batches.js';
import { Reports, usePeerClients } from '../../support/peer-client.js';

const { startRoom, startConnection } = usePeerClients();

afterEach(() => {
  vi.useRealTimers();
});

const bob: Participant = { id: 'b', name: 'Bob', kind: 'rich' };
/** Message number `seq` from Bob; with `files`, one that shares a file. */
const message = (seq: number, files = false): ServerMessage => ({
  type: 'chat',
  seq,
  ts: seq,
  from: bob,
  text: `m${seq}`,
  ...(files ? { files: [{ id: `f${seq}`, name: 'a.txt', size: 1, type: 'text/plain', sha256: '0'.repeat(64) }] } : {}),
});
const seqs = (batch: ServerMessage[]) => batch.map((f) => (f.type === 'chat' ? f.seq : f.type));

/** Batches under a fake clock (timers and `performance.now`), with what was applied. */
function fakeBatches() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  const applied: ServerMessage[][] = [];
  return { batches: new FrameBatches((frames) => applied.push(frames)), applied: () => applied.map(seqs) };
}

describe('FrameBatches', () => {
  it('applies a frame after a quiet spell in the next task', () => {
    const { batches, applied } = fakeBatches();
    vi.advanceTimersByTime(1_000);
    batches.add(message(1));
    expect(applied()).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(applied()).toEqual([[1]]);
  });

  it('under a flood applies one batch per 50 ms, each with every frame that came meanwhile, in order', () => {
    const { batches, applied } = fakeBatches();
    batches.add(message(1));
    vi.advanceTimersByTime(0);
    batches.add(message(2));
    vi.advanceTimersByTime(10);
    batches.add(message(3));
    vi.advanceTimersByTime(39);
    expect(applied()).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(applied()).toEqual([[1], [2, 3]]);
    batches.add(message(4));
    vi.advanceTimersByTime(49);
    expect(applied()).toEqual([[1], [2, 3]]);
    vi.advanceTimersByTime(1);
    expect(applied()).toEqual([[1], [2, 3], [4]]);
  });

  it('applies a welcome at once, after the frames waiting before it', () => {
    const { batches, applied } = fakeBatches();
    batches.add(message(1));
    batches.addNow({ type: 'pong' });
    expect(applied()).toEqual([[1, 'pong']]);
    vi.advanceTimersByTime(1_000);
    expect(applied()).toEqual([[1, 'pong']]);
  });

  it('forgets the waiting frames when the page leaves', () => {
    const { batches, applied } = fakeBatches();
    batches.add(message(1));
    batches.clear();
    vi.advanceTimersByTime(1_000);
    expect(applied().flat()).toEqual([]);
  });

  it('spreads a burst of file messages over batches of ten, 50 ms apart', () => {
    const { batches, applied } = fakeBatches();
    for (let seq = 1; seq <= 25; seq++) batches.add(message(seq, true));
    vi.advanceTimersByTime(0);
    expect(applied().map((batch) => batch.length)).toEqual([MAX_FILE_MESSAGES_PER_RENDER]);
    vi.advanceTimersByTime(49);
    expect(applied()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(50);
    expect(applied().map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(applied().flat()).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});

describe('a flood from a real room', () => {
  it('reaches the view once and in order, in batches at least 50 ms apart', async () => {
    const { room, wsUrl } = await startRoom();
    const applied = new Reports<{ at: number; texts: string[] }>();
    const batches = new FrameBatches((frames) =>
      applied.add({ at: performance.now(), texts: frames.flatMap((f) => (f.type === 'chat' ? [f.text] : [])) }),
    );
    const alice = startConnection(wsUrl, 'Alice', (frame) => batches.add(frame));
    await alice.join();
    // Ten messages at a time, the next ten once the page has them, until the view has had six batches:
    // a flood as it arrives, not one read.
    const sent: string[] = [];
    while (applied.list.length < 6) {
      const ten = Array.from({ length: 10 }, (_, i) => `m ${sent.length + i + 1}`);
      for (const text of ten) room.send(text);
      sent.push(...ten);
      await alice.frames.next((f) => f.type === 'chat' && f.text === ten.at(-1));
    }
    const shown = () => applied.list.flatMap((batch) => batch.texts);
    await applied.next(() => shown().length >= sent.length);
    expect(shown()).toEqual(sent);
    const gaps = applied.list.slice(1).map((batch, i) => batch.at - applied.list[i]!.at);
    // Timer slack aside.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45);
  });
});
