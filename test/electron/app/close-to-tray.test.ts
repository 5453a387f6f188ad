// Closing the last window, with `electron` faked and app-state.json on real files: what each platform
// does, the notice shown once, and the setting that turns it all off.
import { existsSync, mkdirSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appText } from '../../../electron/app/app-strings.js';
import { appStatePath, loadAppState } from '../../../electron/app/app-state.js';
import { useCleanups } from '../../support/cleanup.js';
import { fake } from '../fake-electron.js';

vi.mock('electron', () => import('../fake-electron.js'));
const { afterLastWindowClosed, CloseToTray } = await import('../../../electron/app/close-to-tray.js');

const { tempDir } = useCleanups('lan-chat-close-');
let calls: string[];

function closer(platform: NodeJS.Platform, keepRunningInTray = true, stateDir = tempDir()) {
  return new CloseToTray({
    stateDir,
    settings: () => ({ keepRunningInTray }),
    text: () => appText('en'),
    open: () => calls.push('open'),
    quit: () => calls.push('quit'),
    platform,
  });
}

beforeEach(() => {
  calls = [];
  fake.notifications.length = 0;
  fake.messageBoxes.length = 0;
  fake.notificationsSupported = true;
});

describe('afterLastWindowClosed', () => {
  it.each([
    ['win32', true, false, 'keep-running-with-notice'],
    ['win32', true, true, 'keep-running'],
    ['linux', true, false, 'keep-running-with-notice'],
    ['linux', false, false, 'quit'],
    ['win32', false, true, 'quit'],
    ['darwin', true, false, 'keep-running'],
    ['darwin', false, false, 'keep-running'],
  ] as const)('%s, keep running %s, notice shown %s: %s', (platform, keep, shown, expected) => {
    expect(afterLastWindowClosed(platform, keep, shown)).toBe(expected);
  });
});

describe('CloseToTray', () => {
  it('on Windows and Linux says once that the room keeps running, then stays quiet', () => {
    const dir = tempDir();
    const onLinux = closer('linux', true, dir);
    onLinux.lastWindowClosed();
    expect(fake.notifications.map((n) => n.options)).toEqual([
      {
        title: 'LAN Chat is still running',
        body: 'The room stays open for everyone. Open the window again from the LAN Chat icon in the tray (or start LAN Chat again); choose Quit there to stop the room.',
      },
    ]);
    expect(loadAppState(dir)).toEqual({ closeNoticeShown: true });
    fake.notifications[0]!.emit('click');
    expect(calls).toEqual(['open']);

    // Later closes, in this run or the next, hide to the tray silently.
    onLinux.lastWindowClosed();
    closer('linux', true, dir).lastWindowClosed();
    expect(fake.notifications).toHaveLength(1);
    expect(calls).toEqual(['open']);
  });

  it('quits (stopping the room) when keeping it running in the tray is off, and shows no notice', () => {
    const dir = tempDir();
    closer('win32', false, dir).lastWindowClosed();
    expect(calls).toEqual(['quit']);
    expect(fake.notifications).toEqual([]);
    expect(existsSync(appStatePath(dir))).toBe(false);
  });

  it('keeps the macOS convention: the app stays without windows, no notice', () => {
    closer('darwin').lastWindowClosed();
    closer('darwin', false).lastWindowClosed();
    expect(calls).toEqual([]);
    expect(fake.notifications).toEqual([]);
  });

  it('says it in a message box where the desktop has no notifications', () => {
    fake.notificationsSupported = false;
    closer('linux').lastWindowClosed();
    expect(fake.messageBoxes).toEqual([expect.objectContaining({ message: 'LAN Chat is still running', type: 'info' })]);
  });

  it('still shows the notice when it cannot be remembered', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A folder where the state file should be: it cannot be written.
    const blocked = tempDir();
    mkdirSync(appStatePath(blocked));
    closer('linux', true, blocked).lastWindowClosed();
    expect(fake.notifications).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not remember that the close notice was shown/));
    warn.mockRestore();
  });
});
