// The preload with `electron` faked. A sandboxed preload is CommonJS whose `require` knows only
// 'electron', so the test compiles the source to CommonJS and runs it in a fresh context with exactly
// that: a fake `require` (anything but 'electron' fails the test), fake animation frames and timers.
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import type { HostEvent, LanChatApi } from '../../electron/ipc-contract.js';
import { BRIDGE_METHODS } from '../support/bridge-methods.js';

const SOURCE = new URL('../../electron/preload.cts', import.meta.url);
const compiled = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023 },
  fileName: 'preload.cts',
}).outputText;

type IpcListener = (event: unknown, ...args: unknown[]) => void;

function loadPreload() {
  const exposeInMainWorld = vi.fn();
  const invoke = vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args }));
  const ipcListeners = new Map<string, IpcListener>();
  const electron = {
    contextBridge: { exposeInMainWorld },
    // A File from a picker or a drop has a path; a pasted one has none.
    webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
    ipcRenderer: {
      invoke,
      on: (channel: string, listener: IpcListener) => ipcListeners.set(channel, listener),
    },
  };
  const frames = new Map<number, () => void>();
  const timers = new Map<number, () => void>();
  let nextId = 1;
  const module = { exports: {} };
  const context = createContext({
    module,
    exports: module.exports,
    require(name: string) {
      if (name !== 'electron') throw new Error(`the sandboxed preload cannot require "${name}"`);
      return electron;
    },
    requestAnimationFrame(callback: () => void) {
      frames.set(nextId, callback);
      return nextId++;
    },
    cancelAnimationFrame: (id: number) => frames.delete(id),
    setTimeout(callback: () => void) {
      timers.set(nextId, callback);
      return nextId++;
    },
    clearTimeout: (id: number | undefined) => id !== undefined && timers.delete(id),
    console,
  });
  runInContext(compiled, context);

  const runAll = (queue: Map<number, () => void>) => {
    const callbacks = [...queue.values()];
    queue.clear();
    for (const callback of callbacks) callback();
  };
  const ipcEvent = { sender: { secret: 'IpcRendererEvent' }, ports: [] };
  return {
    exposeInMainWorld,
    invoke,
    ipcListeners,
    frames,
    timers,
    api: exposeInMainWorld.mock.calls[0]?.[1] as LanChatApi,
    /** Main sends one batch on the event channel. */
    deliver: (batch: HostEvent[]) => ipcListeners.get('lan-chat:events')!(ipcEvent, batch),
    runFrames: () => runAll(frames),
    runTimers: () => runAll(timers),
  };
}

const chat = (seq: number): HostEvent => ({
  type: 'chat',
  message: { seq, ts: seq, from: { id: 'p1', name: 'Ann', kind: 'rich' }, text: `message ${seq}` },
});

describe('preload', () => {
  it('exposes exactly the LanChatApi methods as window.lanChat', () => {
    const preload = loadPreload();
    expect(preload.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(preload.exposeInMainWorld.mock.calls[0]![0]).toBe('lanChat');
    expect(Object.keys(preload.api).sort()).toEqual(BRIDGE_METHODS);
    for (const value of Object.values(preload.api)) expect(typeof value).toBe('function');
  });

  it('maps each method to its invoke channel with the arguments as given', async () => {
    const { api, invoke } = loadPreload();
    await api.getSnapshot();
    await api.send('hello');
    await api.kick('c7');
    await api.updateSettings({ port: 8080 });
    await api.exportHistory('md');
    await api.clearHistory();
    await api.saveFile('f1');
    await api.showFile('f2');
    await api.ban('p2', 10);
    await api.unban('b1');
    await api.mute('p3', null);
    await api.unmute('m1');
    await api.setLocked(true);
    await api.setWaitingRoom(false);
    await api.admit('w1');
    await api.admitAll();
    await api.turnAway('w2');
    await api.setSlowMode(30);
    await api.setPin('2468', true);
    await api.removeMessage(12);
    expect(invoke.mock.calls).toEqual([
      ['lan-chat:get-snapshot'],
      ['lan-chat:send', 'hello'],
      ['lan-chat:kick', 'c7'],
      ['lan-chat:update-settings', { port: 8080 }],
      ['lan-chat:export-history', 'md'],
      ['lan-chat:clear-history'],
      ['lan-chat:save-file', 'f1'],
      ['lan-chat:show-file', 'f2'],
      ['lan-chat:ban', 'p2', 10],
      ['lan-chat:unban', 'b1'],
      ['lan-chat:mute', 'p3', null],
      ['lan-chat:unmute', 'm1'],
      ['lan-chat:set-locked', true],
      ['lan-chat:set-waiting-room', false],
      ['lan-chat:admit', 'w1'],
      ['lan-chat:admit-all'],
      ['lan-chat:turn-away', 'w2'],
      ['lan-chat:set-slow-mode', 30],
      ['lan-chat:set-pin', '2468', true],
      ['lan-chat:remove-message', 12],
    ]);
  });

  it('hands main the path of a picked or dropped file, and the bytes of one that has none', async () => {
    const { api, invoke } = loadPreload();
    const preview = { bytes: new Uint8Array([9]), width: 4, height: 3 };
    const dropped = { path: '/home/ann/plan.pdf', name: 'plan.pdf' } as unknown as File;
    const pasted = { name: 'image.png', type: 'image/png', arrayBuffer: async () => new Uint8Array([1, 2]).buffer } as unknown as File;
    await api.shareFiles([{ file: dropped, preview }, { file: pasted }], 'caption');
    const [[channel, sources, caption]] = invoke.mock.calls as unknown as [[string, Record<string, unknown>[], string]];
    expect([channel, caption]).toEqual(['lan-chat:share-files', 'caption']);
    expect(sources[0]).toEqual({ path: '/home/ann/plan.pdf', preview });
    // The preload's Uint8Array is of its own context: compared by content.
    const { bytes, ...rest } = sources[1]!;
    expect(rest).toEqual({ name: 'image.png', type: 'image/png' });
    expect(Array.from(bytes as Uint8Array)).toEqual([1, 2]);
  });

  it('delivers every IPC batch received between two animation frames in one call, in order', () => {
    const preload = loadPreload();
    const callback = vi.fn();
    preload.api.onEvent(callback);
    preload.deliver([chat(1)]);
    preload.deliver([chat(2), chat(3)]);
    preload.deliver([{ type: 'history-cleared' }]);
    expect(callback).not.toHaveBeenCalled();
    expect(preload.frames.size).toBe(1);

    preload.runFrames();
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback.mock.calls[0]).toEqual([[chat(1), chat(2), chat(3), { type: 'history-cleared' }]]);
    // The fallback timer of that batch is gone, so it cannot deliver a second time.
    expect(preload.timers.size).toBe(0);

    preload.deliver([chat(4)]);
    preload.runFrames();
    expect(callback).toHaveBeenCalledTimes(2);
    expect(callback.mock.calls[1]).toEqual([[chat(4)]]);
  });

  it('never hands the IpcRendererEvent to page code', () => {
    const preload = loadPreload();
    const callback = vi.fn();
    preload.api.onEvent(callback);
    preload.deliver([chat(1)]);
    preload.runFrames();
    const [args] = callback.mock.calls;
    expect(args).toHaveLength(1);
    expect(JSON.stringify(args)).not.toContain('IpcRendererEvent');
  });

  it('stops calling a callback once it unsubscribes, and keeps calling the others', () => {
    const preload = loadPreload();
    const leaving = vi.fn();
    const staying = vi.fn();
    const unsubscribe = preload.api.onEvent(leaving);
    preload.api.onEvent(staying);
    unsubscribe();
    unsubscribe(); // twice is harmless
    preload.deliver([chat(1)]);
    preload.runFrames();
    expect(leaving).not.toHaveBeenCalled();
    expect(staying).toHaveBeenCalledTimes(1);
  });

  it('keeps other listeners going when one throws', () => {
    const preload = loadPreload();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    preload.api.onEvent(() => {
      throw new Error('boom');
    });
    preload.api.onEvent(after);
    preload.deliver([chat(1)]);
    preload.runFrames();
    expect(after).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('still delivers, once, when no animation frame comes (hidden window)', () => {
    const preload = loadPreload();
    const callback = vi.fn();
    preload.api.onEvent(callback);
    preload.deliver([chat(1)]);
    preload.deliver([chat(2)]);
    preload.runTimers();
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback.mock.calls[0]).toEqual([[chat(1), chat(2)]]);
    expect(preload.frames.size).toBe(0);
  });

  it('holds nothing while nobody listens', () => {
    const preload = loadPreload();
    preload.deliver([chat(1)]);
    expect(preload.frames.size).toBe(0);
    const callback = vi.fn();
    preload.api.onEvent(callback);
    preload.deliver([chat(2)]);
    preload.runFrames();
    expect(callback.mock.calls).toEqual([[[chat(2)]]]);
  });
});
