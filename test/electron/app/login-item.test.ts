// "Start LAN Chat when I log in", with `electron` faked: the OS login item on macOS and Windows, and a
// real autostart file in a temporary XDG_CONFIG_HOME on Linux.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import type { HostEvent } from '../../../electron/ipc-contract.js';
import { execLine } from '../../../electron/app/linux-autostart.js';
import { useCleanups } from '../../support/cleanup.js';
import { app, fake } from '../fake-electron.js';

vi.mock('electron', () => import('../fake-electron.js'));
const { LoginItem, loginCommand, startedAtLogin } = await import('../../../electron/app/login-item.js');

const { tempDir } = useCleanups('lan-chat-login-');
const openAtLogin = (on: boolean): HostEvent => ({ type: 'settings', settings: { ...DEFAULT_SETTINGS, openAtLogin: on } });
/** What an unpackaged run (tests, `npm start`) is started with. */
const devCommand = [process.execPath, app.getAppPath(), '--start-in-tray'];

beforeEach(() => {
  fake.loginItems.length = 0;
  fake.switches.clear();
  fake.openedAtLogin = false;
});

describe('loginCommand', () => {
  it('starts the installed program, the AppImage itself, or Electron with the app folder', () => {
    expect(loginCommand({ execPath: '/opt/LAN Chat/lan-chat', packaged: true, appPath: '/x' })).toEqual([
      '/opt/LAN Chat/lan-chat',
      '--start-in-tray',
    ]);
    const appImage = { execPath: '/tmp/.mount_LAN/lan-chat', appImage: '/home/ana/LAN-Chat.AppImage', packaged: true, appPath: '/x' };
    expect(loginCommand(appImage)).toEqual(['/home/ana/LAN-Chat.AppImage', '--start-in-tray']);
    expect(loginCommand({ execPath: '/repo/electron', packaged: false, appPath: '/repo' })).toEqual([
      '/repo/electron',
      '/repo',
      '--start-in-tray',
    ]);
  });
});

describe('LoginItem on Linux', () => {
  it('writes the autostart entry when turned on and removes it when turned off', () => {
    const config = tempDir();
    const entry = join(config, 'autostart', 'lan-chat.desktop');
    const item = new LoginItem(false, { platform: 'linux', env: { XDG_CONFIG_HOME: config } });
    expect(existsSync(entry)).toBe(false);

    item.onEvent(openAtLogin(true));
    const text = readFileSync(entry, 'utf8');
    expect(text).toContain('Name=LAN Chat\n');
    expect(text).toContain(`Exec=${execLine(devCommand)}\n`);

    item.onEvent(openAtLogin(false));
    expect(existsSync(entry)).toBe(false);
    expect(fake.loginItems).toEqual([]);
  });

  it('writes it again at start when on (the app may have moved), and leaves things alone when off', () => {
    const config = tempDir();
    const entry = join(config, 'autostart', 'lan-chat.desktop');
    new LoginItem(true, { platform: 'linux', env: { XDG_CONFIG_HOME: config, APPIMAGE: '/home/ana/LAN Chat.AppImage' } });
    expect(readFileSync(entry, 'utf8')).toContain('Exec="/home/ana/LAN Chat.AppImage" --start-in-tray\n');
    new LoginItem(false, { platform: 'linux', env: { XDG_CONFIG_HOME: config } });
    expect(existsSync(entry)).toBe(true);
  });

  it('applies only changes, and warns instead of failing when the folder cannot be written', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A file where the config folder should be: nothing can be made inside it.
    const notAFolder = join(tempDir(), 'config');
    writeFileSync(notAFolder, '');
    const item = new LoginItem(false, { platform: 'linux', env: { XDG_CONFIG_HOME: notAFolder } });
    item.onEvent(openAtLogin(false));
    expect(warn).not.toHaveBeenCalled();
    item.onEvent(openAtLogin(true));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^LAN Chat: could not add the login item: /));
    warn.mockRestore();
  });
});

describe('LoginItem on Windows and macOS', () => {
  it('sets the Windows login item with the program and its switch, quoting a folder with spaces', () => {
    const item = new LoginItem(false, { platform: 'win32', env: {} });
    item.onEvent(openAtLogin(true));
    item.onEvent(openAtLogin(true));
    item.onEvent(openAtLogin(false));
    const [path, ...args] = devCommand;
    const quoted = args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg));
    expect(fake.loginItems).toEqual([
      { openAtLogin: true, path, args: quoted },
      { openAtLogin: false, path, args: quoted },
    ]);
  });

  it('sets the macOS login item, which starts the bundle itself', () => {
    new LoginItem(true, { platform: 'darwin', env: {} }).onEvent(openAtLogin(false));
    expect(fake.loginItems).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });
});

describe('startedAtLogin', () => {
  it('reads the switch on Windows and Linux and asks macOS there', () => {
    expect(startedAtLogin('linux')).toBe(false);
    fake.switches.set('start-in-tray', '');
    expect(startedAtLogin('linux')).toBe(true);
    expect(startedAtLogin('win32')).toBe(true);
    expect(startedAtLogin('darwin')).toBe(false);
    fake.openedAtLogin = true;
    expect(startedAtLogin('darwin')).toBe(true);
  });
});
