// Electron glue only: a list of small setup steps. The product logic lives in ./room (plain Node).
//
// Command-line switches (all optional):
//   --user-data-dir=<dir>  keep settings and history in <dir> instead of the per-user folder
//   --room-host=<ip>       bind the room to one address instead of every interface
//   --room-port=<n>        use this port for this run instead of the stored one
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { registerAppScheme, setupAppScheme } from './app/app-scheme.js';
import { setupIpc } from './app/handlers.js';
import { IpcMainManager } from './app/ipc.js';
import { ChatNotifier } from './app/notifications.js';
import { setupSecurity } from './app/security.js';
import { createHostWindow } from './app/window.js';
import { RoomHost } from './room/room-host.js';

const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

let mainWindow: BrowserWindow | undefined;
let roomHost: RoomHost | undefined;
let roomStopped = false;
const ipc = new IpcMainManager(() => mainWindow?.webContents);
const notifier = new ChatNotifier(() => mainWindow);

registerAppScheme();
app.enableSandbox();
useUserDataDirSwitch();

if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => {
    // macOS apps live on without windows; the room keeps running until Quit.
    if (process.platform !== 'darwin') app.quit();
  });
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
  setupAppScheme(RENDERER_DIR);
  roomHost = await startRoom();
  setupIpc(ipc, roomHost, () => mainWindow);
  openWindow();
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
