// The host window: secure web preferences set explicitly (not left to defaults), shown once painted.
import { BrowserWindow, nativeTheme } from 'electron';
import { HOST_PAGE_URL } from './app-origin.js';

export interface HostWindowOptions {
  /** Absolute path of the built preload (dist/electron/preload.cjs). */
  preload: string;
  title: string;
}

export function createHostWindow({ preload, title }: HostWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title,
    show: false,
    // Matches the page's first paint, so there is no white flash in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1b1f' : '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(HOST_PAGE_URL).catch((error: unknown) => console.error('Could not load the host page:', error));
  return window;
}
