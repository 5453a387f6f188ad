// The tray with `electron` faked: the icon the OS would be given, the menu it would show, and what each
// menu item does. The images are the real files in build/tray.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomSettings, RoomStatus } from '../../../common/host-view.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { appLanguage, appText } from '../../../electron/app/app-strings.js';
import { fake, type Tray } from '../fake-electron.js';

vi.mock('electron', () => import('../fake-electron.js'));
const { RoomTray } = await import('../../../electron/app/tray.js');

const ICONS = fileURLToPath(new URL('../../../build/tray/', import.meta.url));
const status: RoomStatus = { running: true, bindAddress: '0.0.0.0', port: 7681, clientCount: 0, lastSeq: 0, locked: false, error: null };
const urls = [{ url: 'http://192.168.1.20:7681/', address: '192.168.1.20', interface: 'wlan0', virtual: false }];

let calls: string[];
let settings: RoomSettings;

function makeTray(platform: NodeJS.Platform = 'linux', start: Partial<RoomSettings> = {}) {
  settings = { ...DEFAULT_SETTINGS, ...start };
  return new RoomTray(
    {
      iconDir: ICONS,
      open: () => calls.push('open'),
      setPaused: (paused) => calls.push(`paused ${paused}`),
      quit: () => calls.push('quit'),
      text: () => appText(appLanguage(settings.language, ['en-US'])),
      platform,
    },
    { status, urls, settings },
  );
}

/** The tray the OS shows now. */
const shown = (): Tray => {
  const tray = fake.trays.at(-1);
  if (tray === undefined || tray.destroyed) throw new Error('no tray is shown');
  return tray;
};

beforeEach(() => {
  calls = [];
  fake.trays.length = 0;
  fake.clipboard = '';
});

describe('RoomTray', () => {
  it('shows the coloured icon on Windows and Linux, and a click on it opens the window', () => {
    makeTray('win32');
    const tray = shown();
    expect(tray.image.path).toBe(join(ICONS, 'tray.png'));
    expect(tray.image.isEmpty()).toBe(false);
    expect(tray.image.template).toBe(false);
    tray.emit('click');
    expect(calls).toEqual(['open']);
  });

  it('shows a template image in the macOS menu bar, where a click opens the menu instead', () => {
    makeTray('darwin');
    const tray = shown();
    expect(tray.image.path).toBe(join(ICONS, 'trayTemplate.png'));
    expect(tray.image.isEmpty()).toBe(false);
    expect(tray.image.template).toBe(true);
    expect(tray.listenerCount('click')).toBe(0);
  });

  it("shows the room's state and people, and follows the room's events", () => {
    const room = makeTray();
    expect(shown().tooltip).toBe('LAN Chat\nRoom is running\n1 person in the room');
    expect(shown().item(/in the room$/).label).toBe('1 person in the room');

    room.onEvent({ type: 'status', status: { ...status, clientCount: 4 } });
    expect(shown().item(/in the room$/).label).toBe('5 people in the room');
    room.onEvent({ type: 'settings', settings: { ...settings, roomName: 'Maths 7B' } });
    expect(shown().tooltip).toBe('Maths 7B\nRoom is running\n5 people in the room');
    room.onEvent({ type: 'urls', urls: [] });
    expect(shown().item('Copy join link').enabled).toBe(false);
  });

  it('rebuilds the menu only when something it shows changed', () => {
    const room = makeTray();
    const menu = shown().menu;
    room.onEvent({ type: 'status', status: { ...status, lastSeq: 99 } });
    room.onEvent({ type: 'chat', message: { seq: 1, ts: 0, from: { id: 'host', name: 'Host', kind: 'host' }, text: 'hi' } });
    expect(shown().menu).toBe(menu);
  });

  it('copies the join link, pauses, opens and quits from the menu', () => {
    const room = makeTray();
    shown().item('Copy join link').click!();
    expect(fake.clipboard).toBe('http://192.168.1.20:7681/');

    shown().item('Pause room (nobody new can join)').click!();
    expect(calls).toEqual(['paused true']);
    // The room says it is locked: the menu shows it paused, and the same item opens it again.
    room.onEvent({ type: 'status', status: { ...status, locked: true } });
    expect(shown().item(/^Room is/).label).toBe('Room is paused: nobody new can join');
    const pause = shown().item('Pause room (nobody new can join)');
    expect(pause.checked).toBe(true);
    pause.click!();
    expect(calls).toEqual(['paused true', 'paused false']);

    shown().item('Open LAN Chat').click!();
    shown().item('Quit (stops the room)').click!();
    expect(calls.slice(2)).toEqual(['open', 'quit']);
  });

  it('leaves the tray when "keep running in the tray" is turned off, and comes back when it is on', () => {
    const room = makeTray();
    const first = shown();
    expect(room.visible).toBe(true);
    room.onEvent({ type: 'settings', settings: (settings = { ...settings, keepRunningInTray: false }) });
    expect(first.destroyed).toBe(true);
    expect(room.visible).toBe(false);
    room.onEvent({ type: 'settings', settings: (settings = { ...settings, keepRunningInTray: true }) });
    expect(fake.trays).toHaveLength(2);
    expect(shown().item('Open LAN Chat').enabled).toBe(true);
  });

  it('is not shown at all with the setting off', () => {
    const room = makeTray('linux', { keepRunningInTray: false });
    expect(fake.trays).toEqual([]);
    expect(room.visible).toBe(false);
  });

  it('speaks the language the host picks', () => {
    const room = makeTray();
    room.onEvent({ type: 'settings', settings: (settings = { ...settings, language: 'zh-CN' }) });
    expect(shown().item('打开 LAN Chat').enabled).toBe(true);
    expect(shown().tooltip).toBe('LAN Chat\n聊天室运行中\n聊天室里有 1 人');
  });
});
