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
  const api: LanChatApi = {
    getSnapshot: () => new Promise((resolve) => (handOver = resolve)),
    onEvent(callback) {
      listeners.add(callback);
      return () => void listeners.delete(callback);
    },
    send: notUsed,
    kick: notUsed,
    updateSettings: notUsed,
    exportHistory: notUsed,
    clearHistory: notUsed,
    getWifi: notUsed,
    setWifi: notUsed,
    shareFiles: notUsed,
    saveFile: notUsed,
    showFile: notUsed,
  };
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
});
