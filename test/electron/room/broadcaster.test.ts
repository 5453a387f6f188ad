// The broadcaster: numbering, one storage write per tick before delivery, batches that keep order,
// dropping a client that does not read, and the host's throttled events. Through a
// real room for what clients receive; on its own for what it stores and emits.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRoomEvent } from '../../../common/history.js';
import type { ChatMessage, HistoryRecord, Participant } from '../../../common/model.js';
import { Broadcaster, ThrottledEvent } from '../../../electron/room/broadcaster.js';
import { openHistoryLog, type HistoryLog } from '../../../electron/room/history-log.js';
import { readHistory } from '../../../electron/room/history-reader.js';
import { RecentHistory } from '../../../electron/room/recent-history.js';
import type { RoomEventMap } from '../../../electron/room/room-events.js';
import { useCleanups } from '../../support/cleanup.js';
import { Client, rawClient, richClient, startRoom, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);

/** A real in-memory HistoryLog, recording what it was asked to store and when. */
class MemoryLog implements HistoryLog {
  lastSeq = 0;
  batches: HistoryRecord[][] = [];
  failing = false;
  recent(): HistoryRecord[] {
    return [];
  }
  find(): undefined {
    return undefined;
  }
  appendSync(messages: readonly HistoryRecord[]): void {
    if (this.failing) throw new Error('disk full');
    this.batches.push([...messages]);
  }
  clear(): void {}
  close(): void {}
}

describe('batching', () => {
  it("stores one tick's messages in one append before anyone receives them, and delivers in order", async () => {
    const log = new MemoryLog();
    const { url, room } = await startRoom({ historyLog: log });
    const raw = await rawClient(url);
    const { client: rich } = await richClient(url, { name: 'Rich' });
    let deliveredAtAppend = -1;
    const append = log.appendSync.bind(log);
    log.appendSync = (messages) => {
      deliveredAtAppend = room.history().length;
      append(messages);
    };
    for (let i = 0; i < 20; i++) room.send(`h${i}`);
    await raw.untilCount(20);
    // The joins are stored too, as room events; the chat of one tick is one append.
    expect(log.batches.map((b) => b.filter((r) => !isRoomEvent(r)).length).filter((n) => n > 0)).toEqual([20]);
    expect(deliveredAtAppend).toBe(0);
    expect(raw.texts()).toEqual(Array.from({ length: 20 }, (_, i) => `Host: h${i}`));
    await rich.until(() => rich.messages().filter((m) => m.type === 'chat').length === 20);
    const seqs = rich.messages().flatMap((m) => (m.type === 'chat' ? [m.seq] : []));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('continues numbering from the log and keeps chatting in memory when storage fails', async () => {
    const log = new MemoryLog();
    log.lastSeq = 41;
    log.failing = true;
    const { url, room } = await startRoom({ historyLog: log });
    const warnings: string[] = [];
    room.on('warning', (w) => warnings.push(w));
    const raw = await rawClient(url);
    const message = room.send('still works');
    expect(message.seq).toBe(42);
    await raw.untilCount(1);
    expect(warnings).toHaveLength(1);
    expect(room.status().error).toMatchObject({ code: 'storage' });
    log.failing = false;
    room.send('stored again');
    await raw.untilCount(2);
    expect(room.status().error).toBeNull();
    expect(log.batches.flat().map((m) => (m as ChatMessage).seq)).toEqual([43]);
  });

  it('interleaves host, raw and rich messages of one tick in the same order for everyone', async () => {
    const { url, room } = await startRoom();
    const raw = await rawClient(url);
    const { client: rich } = await richClient(url, { name: 'Rich' });
    raw.send('from raw');
    rich.json({ type: 'chat', text: 'from rich' });
    await raw.untilCount(2);
    room.send('from host');
    await raw.untilCount(3);
    const order = room.history().map((m) => m.text);
    expect(order).toEqual(raw.texts().map((t) => t.replace(/^(Rich|Host): /, '')));
    await rich.until(() => rich.messages().filter((m) => m.type === 'chat').length === 3);
    expect(rich.messages().flatMap((m) => (m.type === 'chat' ? [m.text] : []))).toEqual(order);
  });

  it('gives a rich client whose hello lands in the same tick as a chat that chat, though no rich client was there before', async () => {
    const { url } = await startRoom();
    const raw = await rawClient(url);
    const late = await new Client(url, 'lan-chat.v1').open();
    // Loopback writes land in the room's socket buffers at once, so the room reads both in one turn.
    raw.send('first');
    late.json({ type: 'hello', v: 1, name: 'Late' });
    await late.until(
      () => late.messages().some((m) => (m.type === 'chat' && m.text === 'first') || (m.type === 'welcome' && m.history.length > 0)),
      'the chat, in the welcome or after it',
    );
    const welcome = late.messages().find((m) => m.type === 'welcome');
    const seen = [...(welcome?.type === 'welcome' ? welcome.history : []), ...late.messages().filter((m) => m.type === 'chat')];
    expect(seen.map((m) => m.seq)).toEqual([1]);
  });

  it('delivers a join storm to a watcher as every join once, in order, and a chat right after it behind them', async () => {
    const { url, room } = await startRoom();
    const { client: watcher } = await richClient(url, { name: 'Watcher' });
    const names = Array.from({ length: 30 }, (_, i) => `J${i}`);
    for (const name of names) await richClient(url, { name });
    room.send('after the storm');
    await watcher.until(() => watcher.messages().some((m) => m.type === 'chat'), 'the chat');
    const seen = watcher.messages().flatMap((m) => (m.type === 'join' ? [m.participant.name] : m.type === 'chat' ? [m.text] : []));
    expect(seen).toEqual([...names, 'after the storm']);
  });

  it('welcomes every joiner of a storm with the host first and each participant once, and forgets who left', async () => {
    const { url, room } = await startRoom({ settings: { hostName: 'Teacher' } });
    const welcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => richClient(url, { name: `W${i}` })));
    for (const { welcome } of welcomes) {
      const ids = welcome.participants.map((p) => p.id);
      expect(welcome.participants[0]).toEqual({ id: 'host', name: 'Teacher', kind: 'host' });
      expect(ids).toContain(welcome.you.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const gone = welcomes[3]!.welcome.you;
    room.kick(gone.id);
    const { welcome } = await richClient(url, { name: 'After' });
    expect(welcome.participants.map((p) => p.id)).toEqual(['host', ...room.clients().map((c) => c.id)]);
    expect(welcome.participants.map((p) => p.id)).not.toContain(gone.id);
  });

  it('sends a lone message within one tick', async () => {
    const { room } = await startRoom();
    const seen: number[] = [];
    room.on('chat', (m) => seen.push(m.seq));
    const message = room.send('alone');
    expect(room.history()).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(room.history()).toEqual([message]);
    expect(seen).toEqual([message.seq]);
  });
});

describe('slow consumers', () => {
  it('drops a client that stops reading once its buffered bytes pass the cap; others get everything', async () => {
    const { url, room } = await startRoom({ limits: { maxBufferedBytesPerClient: 64 * 1024 } });
    const stalled = await rawClient(url);
    const healthy = await rawClient(url);
    // Stop reading on the client side: the kernel buffers fill, then the room's socket buffer grows.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = 'z'.repeat(16_000);
    let sent = 0;
    while (room.clients().length === 2 && sent < 4000) {
      for (let i = 0; i < 20; i++) room.send(text);
      sent += 20;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(room.clients()).toHaveLength(1);
    await healthy.untilCount(sent, 20_000);
    expect(healthy.received.every((b) => b.length === 'Host: '.length + 16_000)).toBe(true);
  });
});

const ann: Participant = { id: 'p1', name: 'Ann', kind: 'rich' };

/** A broadcaster with nobody to deliver to, over a real recent history and an in-memory log. */
function alone(log: MemoryLog | null = new MemoryLog(), saving = true) {
  const events = new EventEmitter<RoomEventMap>();
  const chats: number[] = [];
  const warnings: string[] = [];
  events.on('chat', (m) => chats.push(m.seq));
  events.on('warning', (w) => warnings.push(w));
  const history = new RecentHistory(10, log);
  let statusChanges = 0;
  const broadcaster = new Broadcaster(history, log, events, {
    bufferCap: 1024,
    saving: () => saving,
    statusChanged: () => statusChanges++,
  });
  return { broadcaster, history, chats, warnings, statusChanges: () => statusChanges };
}

describe('on its own', () => {
  it('numbers from where the log ended, stores a tick in one append, then keeps it and tells the room', () => {
    const log = new MemoryLog();
    log.lastSeq = 7;
    const { broadcaster, history, chats } = alone(log);
    const first = broadcaster.accept(ann, 'one', 'c-1', null);
    broadcaster.accept(ann, 'two', undefined, null);
    expect(first).toMatchObject({ seq: 8, from: ann, text: 'one', clientMsgId: 'c-1' });
    expect(broadcaster.lastSeq).toBe(9);
    // Nothing is delivered before the flush.
    expect([log.batches, history.recent(), chats]).toEqual([[], [], []]);
    broadcaster.flush();
    expect(log.batches.map((b) => b.map((m) => (m as ChatMessage).seq))).toEqual([[8, 9]]);
    expect(history.recent().map((m) => m.text)).toEqual(['one', 'two']);
    expect(history.deliveredSeq).toBe(9);
    expect(chats).toEqual([8, 9]);
  });

  it('stores nothing while saving is off, and still delivers', () => {
    const log = new MemoryLog();
    const { broadcaster, chats } = alone(log, false);
    broadcaster.accept(ann, 'off the record', undefined, null);
    broadcaster.flush();
    expect(log.batches).toEqual([]);
    expect(chats).toEqual([1]);
  });

  it('reports a storage failure once, as a warning and a status change, and its end as a status change', () => {
    const log = new MemoryLog();
    log.failing = true;
    const { broadcaster, warnings, statusChanges } = alone(log);
    for (const text of ['a', 'b']) {
      broadcaster.accept(ann, text, undefined, null);
      broadcaster.flush();
    }
    expect(warnings).toEqual(['Saving history failed: disk full. Chat continues in memory.']);
    expect(broadcaster.storageError).toEqual({ code: 'storage', message: warnings[0] });
    expect(statusChanges()).toBe(1);
    log.failing = false;
    broadcaster.accept(ann, 'c', undefined, null);
    broadcaster.flush();
    expect(broadcaster.storageError).toBeNull();
    expect(statusChanges()).toBe(2);
    expect(log.batches.flat().map((m) => (m as ChatMessage).text)).toEqual(['c']);
  });

  it('clears the history and the log after delivering what was pending; numbering goes on', () => {
    const log = new MemoryLog();
    let clearedWith: HistoryRecord[][] = [];
    log.clear = () => (clearedWith = [...log.batches]);
    const { broadcaster, history } = alone(log);
    broadcaster.accept(ann, 'before', undefined, null);
    broadcaster.clearHistory();
    expect(clearedWith.flat().map((m) => (m as ChatMessage).text)).toEqual(['before']);
    expect(history.recent()).toEqual([]);
    expect(broadcaster.accept(ann, 'after', undefined, null).seq).toBe(2);
  });

  it('flushes on its own on the next turn', async () => {
    const { broadcaster, chats } = alone(null);
    broadcaster.accept(ann, 'soon', undefined, null);
    await new Promise((resolve) => setImmediate(resolve));
    expect(chats).toEqual([1]);
  });
});

describe('ThrottledEvent', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires at once after a quiet spell, then at most once per interval for any number of changes', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    let fired = 0;
    const event = new ThrottledEvent(() => fired++, 100);
    event.changed();
    vi.advanceTimersByTime(0);
    expect(fired).toBe(1);
    for (let i = 0; i < 50; i++) event.changed();
    vi.advanceTimersByTime(99);
    expect(fired).toBe(1);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(2);
    event.changed();
    event.cancel();
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(2);
  });
});

describe('removing one message', () => {
  const { tempDir } = useCleanups('lan-chat-broadcaster-');

  it('finds one older than the memory holds in the log, stores its tombstone and tells rich clients', async () => {
    const dataDir = tempDir();
    const log = openHistoryLog(dataDir, { syncIntervalMs: 0 });
    try {
      const { url, room } = await startRoom({ historyLog: log, historySize: 2 });
      const sent = ['one', 'two', 'three', 'four', 'five'].map((text) => room.send(text));
      const { client } = await richClient(url);
      expect(room.history().map((m) => m.text)).toEqual(['four', 'five']);
      expect(room.removeMessage(sent[0]!.seq)).toBe(true);
      expect(await client.next((m) => m.type === 'message-removed')).toEqual({ type: 'message-removed', seq: sent[0]!.seq });
      expect(room.removeMessage(sent[0]!.seq)).toBe(false);
      expect(room.removeMessage(0)).toBe(false);
      expect(readHistory(dataDir).map((m) => (m.removed ? '(removed)' : m.text))).toEqual(['(removed)', 'two', 'three', 'four', 'five']);
    } finally {
      log.close();
    }
  });
});
