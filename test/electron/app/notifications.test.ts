// The host's desktop notifications, with `electron` faked: what the OS would be asked to show.
import type { BrowserWindow as ElectronWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../../electron/ipc-contract.js';
import type { Participant } from '../../../common/model.js';
import { BrowserWindow, fake } from '../fake-electron.js';

vi.mock('electron', () => import('../fake-electron.js'));
const { ChatNotifier } = await import('../../../electron/app/notifications.js');

const guest: Participant = { id: 'c1', name: 'Amber Otter', kind: 'rich' };
const host: Participant = { id: 'host', name: 'Host', kind: 'host' };
let seq = 0;
const chat = (from: Participant, text: string): HostEvent => ({ type: 'chat', message: { seq: ++seq, ts: Date.now(), from, text } });

let window: BrowserWindow;
let notifier: InstanceType<typeof ChatNotifier>;

beforeEach(() => {
  fake.notifications.length = 0;
  fake.badgeCount = 0;
  window = new BrowserWindow({ webPreferences: {} });
  // The fake has just the window methods the notifier uses.
  notifier = new ChatNotifier(() => window as unknown as ElectronWindow);
});

describe('ChatNotifier', () => {
  it('stays quiet while the host is looking at the window', () => {
    notifier.onEvent(chat(guest, 'hello'));
    expect(fake.notifications).toHaveLength(0);
    expect(fake.badgeCount).toBe(0);
  });

  it('notifies once for a burst in the background, counts every message, and clears on focus', () => {
    window.focused = false;
    for (let i = 0; i < 50; i++) notifier.onEvent(chat(guest, `message ${i}`));
    expect(fake.notifications.map((n) => n.options)).toEqual([{ title: 'Amber Otter', body: 'message 0', silent: false }]);
    expect(fake.badgeCount).toBe(50);
    window.focus();
    expect(fake.badgeCount).toBe(0);
  });

  it("never notifies for the host's own messages or for presence", () => {
    window.focused = false;
    notifier.onEvent(chat(host, 'from me'));
    notifier.onEvent({ type: 'presence', event: { type: 'join', ts: 0, afterSeq: 0, participant: guest } });
    expect(fake.notifications).toHaveLength(0);
    expect(fake.badgeCount).toBe(0);
  });

  it('shortens long messages on whole characters and brings the window forward on click', () => {
    window.focused = false;
    notifier.onEvent(chat(guest, '你好'.repeat(150)));
    const [shown] = fake.notifications;
    expect(Array.from(shown!.options.body)).toHaveLength(201);
    expect(shown!.options.body.endsWith('…')).toBe(true);
    shown!.emit('click');
    expect(window.isFocused()).toBe(true);
  });
});
