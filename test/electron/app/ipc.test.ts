// The IPC gate with `electron` faked: which senders get through, and how room events are batched.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../../electron/ipc-contract.js';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = vi.hoisted(() => new Map<string, Handler>());

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { IpcMainManager } = await import('../../../electron/app/ipc.js');
const { parseSendArgs } = await import('../../../electron/app/validate.js');

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function fakeContents(url = 'app://lan-chat/host/index.html') {
  const mainFrame: FakeFrame = { url, parent: null };
  return { mainFrame, send: vi.fn(), isDestroyed: () => false };
}
type FakeContents = ReturnType<typeof fakeContents>;

let window: FakeContents | undefined;
let manager: InstanceType<typeof IpcMainManager>;

beforeEach(() => {
  window = fakeContents();
  manager = new IpcMainManager(() => window as never);
  manager.handle('lan-chat:send', parseSendArgs(16), (text) => ({ echoed: text }) as never);
});
afterEach(() => manager.dispose());

/** Calls a registered channel the way Electron would, from `sender`'s `frame`. */
function call(channel: string, sender: FakeContents | object, frame: FakeFrame | null, ...args: unknown[]) {
  return Promise.resolve().then(() => handlers.get(channel)!({ sender, senderFrame: frame }, ...args));
}

describe('IpcMainManager sender check', () => {
  it('answers the host window main frame showing an app page', async () => {
    await expect(call('lan-chat:send', window!, window!.mainFrame, 'hi')).resolves.toEqual({ echoed: 'hi' });
  });

  it('refuses another web contents', async () => {
    const other = fakeContents();
    await expect(call('lan-chat:send', other, other.mainFrame, 'hi')).rejects.toThrow('not the host window');
  });

  it('refuses everything when there is no window', async () => {
    const sender = window!;
    window = undefined;
    await expect(call('lan-chat:send', sender, sender.mainFrame, 'hi')).rejects.toThrow('not the host window');
  });

  it('refuses a sub-frame of the host window, even one on the app origin', async () => {
    const child: FakeFrame = { url: 'app://lan-chat/host/index.html', parent: window!.mainFrame };
    await expect(call('lan-chat:send', window!, child, 'hi')).rejects.toThrow('not the main frame');
  });

  it('refuses a frame that is gone (senderFrame null)', async () => {
    await expect(call('lan-chat:send', window!, null, 'hi')).rejects.toThrow('not the main frame');
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:7681/',
    'file:///etc/passwd',
    'app://other-host/host/index.html',
    'app://lan-chat.evil.example/host/index.html',
    'data:text/html,hi',
    'about:blank',
  ])('refuses the main frame when it shows %s', async (url) => {
    window!.mainFrame.url = url;
    await expect(call('lan-chat:send', window!, window!.mainFrame, 'hi')).rejects.toThrow('not an app page');
  });

  it('checks the sender before the arguments, and the arguments before the handler', async () => {
    const handler = vi.fn();
    manager.handle(
      'lan-chat:kick',
      () => {
        throw new TypeError('bad id');
      },
      handler,
    );
    const other = fakeContents();
    await expect(call('lan-chat:kick', other, other.mainFrame, 42)).rejects.toThrow('not the host window');
    await expect(call('lan-chat:kick', window!, window!.mainFrame, 42)).rejects.toThrow('bad id');
    expect(handler).not.toHaveBeenCalled();
  });

  it('removes its handlers on dispose', () => {
    manager.dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('IpcMainManager events', () => {
  const status = (n: number): HostEvent => ({
    type: 'status',
    status: { running: true, bindAddress: '127.0.0.1', port: n, clientCount: 0, lastSeq: 0, locked: false, error: null },
  });
  const nextTick = () => new Promise((resolve) => setImmediate(resolve));

  it('sends nothing before the page took its snapshot', async () => {
    manager.sendEvent(status(1));
    await nextTick();
    expect(window!.send).not.toHaveBeenCalled();
  });

  it('sends everything queued in one tick as one batch on lan-chat:events', async () => {
    manager.markReady();
    manager.sendEvent(status(1));
    manager.sendEvent(status(2));
    manager.sendEvent({ type: 'history-cleared' });
    await nextTick();
    expect(window!.send.mock.calls).toEqual([['lan-chat:events', [status(1), status(2), { type: 'history-cleared' }]]]);

    manager.sendEvent(status(3));
    await nextTick();
    expect(window!.send).toHaveBeenCalledTimes(2);
    expect(window!.send.mock.calls[1]).toEqual(['lan-chat:events', [status(3)]]);
  });

  it('drops what is queued when the page goes away, and sends again after the next snapshot', async () => {
    manager.markReady();
    manager.sendEvent(status(1));
    manager.markNotReady();
    manager.sendEvent(status(2));
    await nextTick();
    expect(window!.send).not.toHaveBeenCalled();
    manager.markReady();
    manager.sendEvent(status(3));
    await nextTick();
    expect(window!.send.mock.calls).toEqual([['lan-chat:events', [status(3)]]]);
  });

  it('does not send to destroyed web contents', async () => {
    window!.isDestroyed = () => true;
    manager.markReady();
    manager.sendEvent(status(1));
    await nextTick();
    expect(window!.send).not.toHaveBeenCalled();
  });
});
