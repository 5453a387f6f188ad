// What closing the last window does. Windows and Linux: with "keep running in the tray" on, the room
// keeps running and, the first time only, a notice says so and how to get back (remembered in
// app-state.json); with it off, the app quits and the room stops, as before. macOS keeps its own
// convention: an app lives on without windows until Quit, which needs no notice.
import { dialog, Notification } from 'electron';
import { messageOf } from '../../common/errors.js';
import type { RoomSettings } from '../../common/host-view.js';
import type { AppText } from './app-strings.js';
import { loadAppState, saveAppState } from './app-state.js';

export type LastWindowClosed = 'quit' | 'keep-running' | 'keep-running-with-notice';

export function afterLastWindowClosed(platform: NodeJS.Platform, keepRunningInTray: boolean, noticeShown: boolean): LastWindowClosed {
  if (platform === 'darwin') return 'keep-running';
  if (!keepRunningInTray) return 'quit';
  return noticeShown ? 'keep-running' : 'keep-running-with-notice';
}

export interface CloseToTrayOptions {
  /** Folder of app-state.json (the user-data folder). */
  stateDir: string;
  settings(): Pick<RoomSettings, 'keepRunningInTray'>;
  /** The words in the host's language now. */
  text(): AppText;
  /** Clicking the notice opens the window again. */
  open(): void;
  quit(): void;
  platform?: NodeJS.Platform;
}

export class CloseToTray {
  constructor(private readonly options: CloseToTrayOptions) {}

  /** Call on the app's `window-all-closed`. */
  lastWindowClosed(): void {
    const { stateDir } = this.options;
    const state = loadAppState(stateDir);
    const platform = this.options.platform ?? process.platform;
    const what = afterLastWindowClosed(platform, this.options.settings().keepRunningInTray, state.closeNoticeShown);
    if (what === 'quit') this.options.quit();
    if (what !== 'keep-running-with-notice') return;
    try {
      saveAppState(stateDir, { ...state, closeNoticeShown: true });
    } catch (error) {
      console.warn(`LAN Chat: could not remember that the close notice was shown: ${messageOf(error)}`);
    }
    this.#notice();
  }

  #notice(): void {
    const t = this.options.text();
    const title = t('notice.title');
    const body = t('notice.body');
    if (!Notification.isSupported()) {
      // Without desktop notifications the notice still has to reach the host once.
      void dialog.showMessageBox({ type: 'info', title, message: title, detail: body });
      return;
    }
    const notification = new Notification({ title, body });
    notification.on('click', () => this.options.open());
    notification.show();
  }
}
