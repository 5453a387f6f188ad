// "Start LAN Chat when I log in" (`openAtLogin`): a login item on macOS and Windows
// (`app.setLoginItemSettings`), an XDG autostart entry on Linux (linux-autostart.ts). Started that way,
// the app starts the room in the tray without opening its window.
import { app } from 'electron';
import { messageOf } from '../../common/errors.js';
import type { HostEvent } from '../ipc-contract.js';
import { autostartDir, setAutostart } from './linux-autostart.js';

/** The switch a login start carries (Windows and Linux; macOS says so itself). */
const LOGIN_SWITCH = 'start-in-tray';

export interface LaunchFacts {
  /** `process.execPath`. */
  execPath: string;
  /** `$APPIMAGE`: an AppImage runs from a temporary mount, so the login item must start the image itself. */
  appImage?: string;
  /** `app.isPackaged`. */
  packaged: boolean;
  /** `app.getAppPath()`: an unpackaged run is Electron plus the app's folder. */
  appPath: string;
}

/** The program and arguments that start this app at login. */
export function loginCommand({ execPath, appImage, packaged, appPath }: LaunchFacts): string[] {
  if (appImage) return [appImage, `--${LOGIN_SWITCH}`];
  return packaged ? [execPath, `--${LOGIN_SWITCH}`] : [execPath, appPath, `--${LOGIN_SWITCH}`];
}

export interface LoginItemOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

/** Keeps the OS's login item in step with the `openAtLogin` setting. */
export class LoginItem {
  #applied: boolean;

  /**
   * @param openAtLogin the stored setting. When on, the item is written again (the app may have moved
   *   since); when off it is left alone, so running a copy of the app never removes another's item.
   */
  constructor(
    openAtLogin: boolean,
    private readonly options: LoginItemOptions = {},
  ) {
    this.#applied = openAtLogin;
    if (openAtLogin) this.#apply(true);
  }

  /** Feed every room event; a change of `openAtLogin` is applied. */
  onEvent(event: HostEvent): void {
    if (event.type !== 'settings' || event.settings.openAtLogin === this.#applied) return;
    this.#applied = event.settings.openAtLogin;
    this.#apply(this.#applied);
  }

  #apply(enabled: boolean): void {
    const platform = this.options.platform ?? process.platform;
    const env = this.options.env ?? process.env;
    const [path, ...args] = loginCommand({
      execPath: process.execPath,
      appImage: env.APPIMAGE,
      packaged: app.isPackaged,
      appPath: app.getAppPath(),
    });
    try {
      if (platform === 'linux') {
        setAutostart(enabled, autostartDir(env), {
          id: 'lan-chat',
          name: app.getName(),
          comment: 'Host a chat room on your local network',
          command: [path!, ...args],
        });
      } else if (platform === 'win32') {
        // Windows keeps one command line: an argument with spaces (an unpackaged run's folder) needs quotes.
        app.setLoginItemSettings({ openAtLogin: enabled, path, args: args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg)) });
      } else {
        // macOS starts the app bundle itself and tells it so (`wasOpenedAtLogin`).
        app.setLoginItemSettings({ openAtLogin: enabled });
      }
    } catch (error) {
      console.warn(`LAN Chat: could not ${enabled ? 'add' : 'remove'} the login item: ${messageOf(error)}`);
    }
  }
}

/** Whether this run was started by the login item. */
export function startedAtLogin(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' ? app.getLoginItemSettings().wasOpenedAtLogin : app.commandLine.hasSwitch(LOGIN_SWITCH);
}
