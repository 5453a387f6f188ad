// Electron glue only: a list of small setup steps. The product logic lives in ./room (plain Node).
//
// Command-line switches (all optional):
//   --user-data-dir=<dir>  keep settings and history in <dir> instead of the per-user folder
//   --room-host=<ip>       bind the room to one address instead of every interface
//   --room-port=<n>        use this port for this run instead of the stored one
//   --start-in-tray        what the login item passes: start the room in the tray, no window
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { registerAppScheme, setupAppScheme } from './app/app-scheme.js';
import { appLanguage, appText, type AppText } from './app/app-strings.js';
import { CloseToTray } from './app/close-to-tray.js';
import { sharedPicture } from './app/shared-pictures.js';
import { setupIpc } from './app/handlers.js';
import { IpcMainManager } from './app/ipc.js';
import { LoginItem, startedAtLogin } from './app/login-item.js';
import { ChatNotifier } from './app/notifications.js';
import { setupResume } from './app/power.js';
import { setupSecurity } from './app/security.js';
import { RoomTray } from './app/tray.js';
import { WifiStore } from './app/wifi.js';
import { createHostWindow } from './app/window.js';
import { RoomHost } from './room/room-host.js';

const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

let mainWindow: BrowserWindow | undefined;
let roomHost: RoomHost | undefined;
let roomStopped = false;
let tray: RoomTray | undefined;
let closeToTray: CloseToTray | undefined;
let loginItem: LoginItem | undefined;
const ipc = new IpcMainManager(() => mainWindow?.webContents);
const notifier = new ChatNotifier(() => mainWindow);

registerAppScheme();
app.enableSandbox();
useUserDataDirSwitch();

if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => closeToTray?.lastWindowClosed());
  app.on('activate', () => {
    if (mainWindow === undefined && roomHost !== undefined) openWindow();
  });
  app.on('before-quit', stopRoomBeforeQuit);
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error('LAN Chat could not start:', error);
      app.exit(1);
    });
} else {
  app.quit();
}

async function onReady(): Promise<void> {
  setupSecurity();
  setupAppScheme(RENDERER_DIR, (pathname) => sharedPicture(pathname, (id) => roomHost?.room.sharedFile(id)));
  const host = (roomHost = await startRoom());
  setupIpc(ipc, host, new WifiStore(app.getPath('userData')), () => mainWindow);
  tray = createTray(host);
  closeToTray = createCloseToTray(host);
  loginItem = new LoginItem(host.room.settings().openAtLogin);
  setupResume(() => host.refreshJoinUrls());
  // Started by the login item with the tray on: the room runs in the tray until the host opens the window.
  if (!startedAtLogin() || !tray.visible) openWindow();
}

function useUserDataDirSwitch(): void {
  const dir = app.commandLine.getSwitchValue('user-data-dir');
  if (dir !== '') app.setPath('userData', resolve(dir));
}

async function startRoom(): Promise<RoomHost> {
  const host = new RoomHost({
    dataDir: app.getPath('userData'),
    bindAddress: app.commandLine.getSwitchValue('room-host') || undefined,
    port: portSwitch(),
    // The window changes settings live, saving history included.
    openLogWhenNotSaving: true,
    onEvent: (event) => {
      ipc.sendEvent(event);
      notifier.onEvent(event);
      tray?.onEvent(event);
      loginItem?.onEvent(event);
    },
  });
  await host.start();
  return host;
}

/** `--room-port`, when given as a port number (0 = any free port); otherwise the stored setting. */
function portSwitch(): number | undefined {
  const value = app.commandLine.getSwitchValue('room-port');
  if (value === '') return undefined;
  const port = Number(value);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  console.warn(`LAN Chat: ignoring --room-port=${value}: not a port number`);
  return undefined;
}

function createTray(host: RoomHost): RoomTray {
  return new RoomTray(
    {
      // electron-builder packs build/tray into the app; an unpackaged run finds it in the repository.
      iconDir: join(app.getAppPath(), 'build', 'tray'),
      open: focusWindow,
      // "Pause room" is the room's lock: nobody new gets in, those inside stay.
      setPaused: (paused) => host.room.setLocked(paused),
      quit: () => app.quit(),
      text: () => words(host),
    },
    host.snapshot(),
  );
}

/** Closing the last window: keep running in the tray (a notice the first time), or quit. */
function createCloseToTray(host: RoomHost): CloseToTray {
  return new CloseToTray({
    stateDir: app.getPath('userData'),
    settings: () => host.room.settings(),
    text: () => words(host),
    open: focusWindow,
    quit: () => app.quit(),
  });
}

/** The main process's words in the language the host chose. */
function words(host: RoomHost): AppText {
  return appText(appLanguage(host.room.settings().language, app.getPreferredSystemLanguages()));
}

function openWindow(): void {
  const window = createHostWindow({ preload: PRELOAD, title: app.getName() });
  window.webContents.on('did-start-navigation', (event) => {
    // A reload: the new page takes a fresh snapshot before it wants events again.
    if (event.isMainFrame && !event.isSameDocument) ipc.markNotReady();
  });
  window.webContents.on('render-process-gone', () => ipc.markNotReady());
  window.on('closed', () => {
    mainWindow = undefined;
    ipc.markNotReady();
  });
  mainWindow = window;
}

/** A second launch brings this instance's window forward instead of starting another room. */
function focusWindow(): void {
  if (mainWindow === undefined) {
    if (roomHost !== undefined) openWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Quitting waits for the room to close its clients and flush its log. */
function stopRoomBeforeQuit(event: Electron.Event): void {
  if (roomStopped || roomHost === undefined) return;
  event.preventDefault();
  roomStopped = true;
  roomHost
    .stop()
    .catch((error: unknown) => console.error('LAN Chat: the room did not close cleanly:', error))
    .finally(() => app.quit());
}
