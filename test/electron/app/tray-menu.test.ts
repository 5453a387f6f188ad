// The tray's menu as data: what the host reads in it and which items can be used, in each room state.
import { describe, expect, it } from 'vitest';
import type { JoinUrl, RoomStatus } from '../../../common/host-view.js';
import { appText } from '../../../electron/app/app-strings.js';
import { joinLink, peopleInRoom, trayMenu, type TrayMenuItem, type TrayView } from '../../../electron/app/tray-menu.js';

const running: RoomStatus = { running: true, bindAddress: '0.0.0.0', port: 7681, clientCount: 0, lastSeq: 0, locked: false, error: null };
const wifi: JoinUrl = { url: 'http://192.168.1.20:7681/', address: '192.168.1.20', interface: 'wlan0', virtual: false };
const vpn: JoinUrl = { url: 'http://10.8.0.2:7681/', address: '10.8.0.2', interface: 'tun0', virtual: true };
const view = (status: Partial<RoomStatus> = {}, urls: JoinUrl[] = [wifi, vpn]): TrayView => ({
  status: { ...running, ...status },
  urls,
  settings: { roomName: 'Book club', port: 7681 },
});
const en = appText('en');

/** Each item as the host sees it: its label, "(off)" when it cannot be used, "[x]" when ticked. */
function lines(items: TrayMenuItem[]): string[] {
  return items.map((item) =>
    item.type === 'separator' ? '---' : `${item.label}${item.enabled ? '' : ' (off)'}${item.checked ? ' [x]' : ''}`,
  );
}

describe('trayMenu', () => {
  it('shows a running room with its people (the host counts) and every action', () => {
    const menu = trayMenu(view({ clientCount: 2 }), en);
    expect(lines(menu.items)).toEqual([
      'Room is running (off)',
      '3 people in the room (off)',
      '---',
      'Open LAN Chat',
      'Copy join link',
      'Pause room (nobody new can join)',
      '---',
      'Quit (stops the room)',
    ]);
    expect(menu.tooltip).toBe('Book club\nRoom is running\n3 people in the room');
    expect(menu.items.flatMap((item) => ('action' in item ? [item.action] : []))).toEqual(['open', 'copy-link', 'pause', 'quit']);
  });

  it('says "1 person" for the host alone', () => {
    expect(lines(trayMenu(view(), en).items)[1]).toBe('1 person in the room (off)');
    expect(peopleInRoom(running)).toBe(1);
  });

  it('shows a paused room with Pause ticked', () => {
    const menu = trayMenu(view({ locked: true, clientCount: 1 }), en);
    expect(lines(menu.items).slice(0, 2)).toEqual(['Room is paused: nobody new can join (off)', '2 people in the room (off)']);
    expect(lines(menu.items)).toContain('Pause room (nobody new can join) [x]');
    expect(menu.tooltip).toBe('Book club\nRoom is paused: nobody new can join\n2 people in the room');
  });

  it('offers only Open and Quit when the room is down, and says why', () => {
    const portTaken = view({ running: false, port: 0, error: { code: 'port-in-use', message: 'port 7681 is already in use' } }, []);
    expect(lines(trayMenu(portTaken, en).items)).toEqual([
      'Room is stopped: port 7681 is in use (off)',
      '---',
      'Open LAN Chat',
      'Copy join link (off)',
      'Pause room (nobody new can join) (off)',
      '---',
      'Quit (stops the room)',
    ]);
    expect(lines(trayMenu(view({ running: false }), en).items)[0]).toBe('Room is stopped (off)');
    expect(peopleInRoom({ ...running, running: false })).toBe(0);
  });

  it('copies the most likely join address, and has nothing to copy without a network', () => {
    expect(joinLink(view())).toBe('http://192.168.1.20:7681/');
    const offline = trayMenu(view({}, []), en);
    expect(lines(offline.items)).toContain('Copy join link (off)');
    expect(joinLink(view({}, []))).toBeNull();
  });

  it('speaks Chinese', () => {
    expect(lines(trayMenu(view({ locked: true }), appText('zh-CN')).items)).toEqual([
      '聊天室已暂停：新成员无法加入 (off)',
      '聊天室里有 1 人 (off)',
      '---',
      '打开 LAN Chat',
      '复制加入链接',
      '暂停聊天室（新成员无法加入） [x]',
      '---',
      '退出（关闭聊天室）',
    ]);
  });
});
