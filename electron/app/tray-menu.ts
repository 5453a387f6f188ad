// What the tray shows, as plain data: the room's state and how many people are in it, then Open, Copy
// join link, Pause room and Quit, each enabled only when it can do something. Pure: electron/app/tray.ts
// turns this into the OS menu, and the tests read it directly.
import type { JoinUrl, RoomSettings, RoomStatus } from '../../common/host-view.js';
import { peopleCount } from '../../common/people.js';
import type { AppText } from './app-strings.js';

/** What the tray knows of the room: kept up to date from the room's events. */
export interface TrayView {
  status: RoomStatus;
  urls: readonly JoinUrl[];
  settings: Pick<RoomSettings, 'roomName' | 'port'>;
}

export type TrayAction = 'open' | 'copy-link' | 'pause' | 'quit';

/** One line of the menu, shaped like Electron's menu item options. */
export type TrayMenuItem =
  { type: 'separator' } | { type: 'normal' | 'checkbox'; label: string; enabled: boolean; checked?: boolean; action?: TrayAction };

export interface TrayMenuModel {
  tooltip: string;
  items: TrayMenuItem[];
}

/** Everyone in the room, counted as everywhere (`peopleCount`: the host included); nobody while it is stopped. */
export function peopleInRoom(status: RoomStatus): number {
  return status.running ? peopleCount(status.clientCount) : 0;
}

/** The link "Copy join link" copies: the most likely address (the room lists it first), or none. */
export function joinLink(view: TrayView): string | null {
  return view.status.running ? (view.urls[0]?.url ?? null) : null;
}

export function trayMenu(view: TrayView, t: AppText): TrayMenuModel {
  const { status } = view;
  const state = roomState(view, t);
  const people = peopleInRoom(status);
  const count = people === 1 ? t('tray.people.one') : t('tray.people.other', { count: people });
  const info: TrayMenuItem[] = [{ type: 'normal', label: state, enabled: false }];
  if (status.running) info.push({ type: 'normal', label: count, enabled: false });
  return {
    tooltip: [view.settings.roomName, state, ...(status.running ? [count] : [])].join('\n'),
    items: [
      ...info,
      { type: 'separator' },
      { type: 'normal', label: t('tray.open'), enabled: true, action: 'open' },
      { type: 'normal', label: t('tray.copyLink'), enabled: joinLink(view) !== null, action: 'copy-link' },
      { type: 'checkbox', label: t('tray.pause'), enabled: status.running, checked: status.locked, action: 'pause' },
      { type: 'separator' },
      { type: 'normal', label: t('tray.quit'), enabled: true, action: 'quit' },
    ],
  };
}

function roomState({ status, settings }: TrayView, t: AppText): string {
  if (status.running) return status.locked ? t('tray.paused') : t('tray.running');
  // A room that never got its port reports port 0: the port it wanted is the stored one.
  return status.error?.code === 'port-in-use' ? t('tray.portInUse', { port: status.port || settings.port }) : t('tray.stopped');
}
