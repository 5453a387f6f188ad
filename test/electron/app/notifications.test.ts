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

  it('escapes guest markup on Linux, where notification servers render it (issue 10, finding 8)', () => {
    const mallory: Participant = { id: 'c2', name: '<b>Host</b>', kind: 'rich' };
    const text = 'PIN changed: <a href="http://evil.example/">re-enter it</a> <img src="http://evil.example/x.png"> & more';
    const onLinux = new ChatNotifier(() => window as unknown as ElectronWindow, 'linux');
    window.focused = false;
    onLinux.onEvent(chat(mallory, text));
    expect(fake.notifications.map((n) => n.options)).toEqual([
      {
        title: '&lt;b&gt;Host&lt;/b&gt;',
        body:
          'PIN changed: &lt;a href=&quot;http://evil.example/&quot;&gt;re-enter it&lt;/a&gt; ' +
          '&lt;img src=&quot;http://evil.example/x.png&quot;&gt; &amp; more',
        silent: false,
      },
    ]);
  });

  it('leaves text as it is where notifications are plain text (Windows, macOS)', () => {
    const onWindows = new ChatNotifier(() => window as unknown as ElectronWindow, 'win32');
    window.focused = false;
    onWindows.onEvent(chat(guest, 'a < b & c'));
    expect(fake.notifications[0]!.options).toMatchObject({ title: 'Amber Otter', body: 'a < b & c' });
  });
});
