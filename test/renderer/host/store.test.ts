// The host window's copy of the room without a browser, fed by a stand-in for `window.lanChat` (our
// own bridge interface): the snapshot, the events around it, one notification per batch, and a large
// history taken in without one long task.
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Participant } from '../../../common/model.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import type { HostEvent, LanChatApi, Snapshot } from '../../../electron/ipc-contract.js';
import { HostStore } from '../../../renderer/host/store.js';
import { timelineLabels } from '../../support/timeline-labels.js';

const alice: Participant = { id: 'a', name: 'Alice', kind: 'rich' };
const chat = (seq: number): ChatMessage => ({ seq, ts: 1_000 + seq, from: alice, text: `m${seq}` });

function snapshotWith(history: ChatMessage[]): Snapshot {
  return {
    status: {
      running: true,
      bindAddress: '127.0.0.1',
      port: 7681,
      clientCount: 0,
      lastSeq: history.at(-1)?.seq ?? 0,
      locked: false,
      error: null,
    },
    urls: [],
    clients: [],
    history,
    events: [],
    moderation: { locked: false, waitingRoom: false, slowModeSeconds: 0, waiting: [], bans: [], mutes: [] },
    settings: { ...DEFAULT_SETTINGS },
    maxMessageBytes: 16 * 1024,
    arrivals: {},
    platform: 'linux',
  };
}

/** `window.lanChat` as the store sees it: the snapshot is handed over when the test says so. */
function fakeBridge() {
  const listeners = new Set<(events: HostEvent[]) => void>();
  let handOver: (snapshot: Snapshot) => void = () => {
    throw new Error('getSnapshot() was not called');
  };
  const notUsed = () => Promise.reject(new Error('not used by the store'));
  // Only these two are the store's; the actions are the components'.
  const api = new Proxy(
    {
      getSnapshot: () => new Promise<Snapshot>((resolve) => (handOver = resolve)),
      onEvent(callback: (events: HostEvent[]) => void) {
        listeners.add(callback);
        return () => void listeners.delete(callback);
      },
    },
    { get: (target, key) => (key in target ? target[key as keyof typeof target] : notUsed) },
  ) as unknown as LanChatApi;
  return {
    api,
    emit: (...events: HostEvent[]) => listeners.forEach((listener) => listener(events)),
    listening: () => listeners.size,
    handOver: (snapshot: Snapshot) => handOver(snapshot),
  };
}

const texts = (store: HostStore) => timelineLabels(store.timeline);

describe('HostStore', () => {
  it('listens before asking for the snapshot and applies what came in between after it, without doubles', async () => {
    const bridge = fakeBridge();
    const store = new HostStore(bridge.api);
    const started = store.start();
    expect(bridge.listening()).toBe(1);
    expect(store.getView()).toBeNull();
    // The room moves on while the snapshot travels: the snapshot may or may not hold these already.
    bridge.emit({ type: 'chat', message: chat(2) }, { type: 'chat', message: chat(3) });
    bridge.emit({ type: 'presence', event: { type: 'join', ts: 2, afterSeq: 3, participant: alice } });
    bridge.handOver(snapshotWith([chat(1), chat(2)]));
    const unsubscribe = await started;
    expect(texts(store)).toEqual(['m1', 'm2', 'm3', 'presence']);
    expect(store.getView()).not.toHaveProperty('history');
    expect(store.getView()?.settings.roomName).toBe('LAN Chat');

    unsubscribe();
    expect(bridge.listening()).toBe(0);
  });

  it('changes the view once per batch, and only when the batch has something for it', async () => {
    const bridge = fakeBridge();
    const store = new HostStore(bridge.api);
    const started = store.start();
    bridge.handOver(snapshotWith([]));
    await started;
    let viewChanges = 0;
    let timelineChanges = 0;
    store.subscribe(() => viewChanges++);
    store.timeline.subscribe(() => timelineChanges++);
    const view = store.getView();

    bridge.emit({ type: 'chat', message: chat(1) }, { type: 'chat', message: chat(2) });
    expect([viewChanges, timelineChanges]).toEqual([0, 1]);
    expect(store.getView()).toBe(view);

    const status = { ...view!.status, clientCount: 1 };
    const client = { ...alice, address: '127.0.0.1', protocol: 'lan-chat.v1', connectedAt: 5 };
    const urls = [{ url: 'http://192.168.1.2:7681/', address: '192.168.1.2', interface: 'wlan0', virtual: false }];
    const settings = { ...view!.settings, roomName: 'Book club' };
    bridge.emit({ type: 'clients', clients: [client] }, { type: 'status', status }, { type: 'urls', urls }, { type: 'settings', settings });
    expect([viewChanges, timelineChanges]).toEqual([1, 1]);
    expect(store.getView()).toMatchObject({ clients: [client], status, urls, settings });

    bridge.emit({ type: 'history-cleared' }, { type: 'chat', message: chat(3) });
    expect([viewChanges, timelineChanges]).toEqual([1, 2]);
    expect(texts(store)).toEqual(['cleared', 'm3']);

    // Away and back show in the clients list (their own event), not as lines in the history.
    bridge.emit({ type: 'presence', event: { type: 'away', ts: 6, afterSeq: 3, participant: { ...alice, away: true } } });
    expect([viewChanges, timelineChanges]).toEqual([1, 2]);
  });

  it('takes a large history in chunks, letting other tasks run in between', async () => {
    const bridge = fakeBridge();
    const store = new HostStore(bridge.api);
    const started = store.start();
    const history = Array.from({ length: 12_000 }, (_, i) => chat(i + 1));
    bridge.handOver(snapshotWith(history));
    let otherTaskRan = false;
    setTimeout(() => (otherTaskRan = true));
    await started;
    expect(otherTaskRan).toBe(true);
    expect(store.timeline.length).toBe(12_000);
    expect(store.timeline.at(store.timeline.end - 1)).toMatchObject({ message: { seq: 12_000 } });
  });

  it('builds the history from the snapshot with its events in place, then follows moderation, removals and the controls', async () => {
    const bridge = fakeBridge();
    const store = new HostStore(bridge.api);
    const started = store.start();
    const snapshot = snapshotWith([chat(1), chat(2)]);
    snapshot.events = [
      { type: 'join', ts: 1, afterSeq: 0, participant: alice },
      { type: 'moderation', ts: 2, afterSeq: 1, action: 'lock' },
    ];
    bridge.handOver(snapshot);
    await started;
    expect(texts(store)).toEqual(['presence', 'm1', 'moderation', 'm2']);
    expect(store.getView()).not.toHaveProperty('events');

    const moderation = {
      ...snapshot.moderation,
      locked: true,
      waiting: [{ id: 'w1', name: 'Cid', kind: 'rich' as const, address: '10.0.0.9', since: 3 }],
    };
    bridge.emit(
      { type: 'moderation', event: { type: 'moderation', ts: 3, afterSeq: 2, action: 'slow-mode', seconds: 5 } },
      { type: 'message-removed', seq: 1 },
      { type: 'moderation-state', moderation },
    );
    expect(texts(store)).toEqual(['presence', '', 'moderation', 'm2', 'moderation']);
    expect(store.timeline.at(1)).toMatchObject({ kind: 'chat', message: { seq: 1, removed: true, text: '' } });
    expect(store.getView()!.moderation).toEqual(moderation);
  });
});
