// The room's icon in the notification area (the menu bar on macOS) while "keep running in the tray" is
// on: its tooltip and menu (tray-menu.ts) follow the room's events, and its actions go to main.ts.
import { join } from 'node:path';
import { clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { JoinUrl, RoomSettings, RoomStatus } from '../../common/host-view.js';
import type { HostEvent } from '../ipc-contract.js';
import type { AppText } from './app-strings.js';
import { joinLink, trayMenu, type TrayAction, type TrayMenuItem, type TrayView } from './tray-menu.js';

export interface RoomTrayOptions {
  /** Folder of the tray's images (build/tray in the app). */
  iconDir: string;
  /** Open: show the host window, making one if it is closed. */
  open(): void;
  /** Pause room: lock the room (true) or open it again (false). */
  setPaused(paused: boolean): void;
  /** Quit: stop the room and the app. */
  quit(): void;
  /** The words in the host's language now (a settings event may have changed it). */
  text(): AppText;
  platform?: NodeJS.Platform;
}

/** What the tray starts from: the room host's snapshot. */
export interface TrayStart {
  status: RoomStatus;
  urls: JoinUrl[];
  settings: RoomSettings;
}

export class RoomTray {
  #tray: Tray | null = null;
  #status: RoomStatus;
  #urls: readonly JoinUrl[];
  #settings: RoomSettings;
  /** The menu model last given to the OS, as JSON: an event that changes nothing visible rebuilds nothing. */
  #shown = '';

  constructor(
    private readonly options: RoomTrayOptions,
    start: TrayStart,
  ) {
    this.#status = start.status;
    this.#urls = start.urls;
    this.#settings = start.settings;
    this.#update();
  }

  /** Whether the icon is in the tray now. */
  get visible(): boolean {
    return this.#tray !== null;
  }

  /** Feed every room event; the status, the join addresses and the settings are what the tray shows. */
  onEvent(event: HostEvent): void {
    if (event.type === 'status') this.#status = event.status;
    else if (event.type === 'urls') this.#urls = event.urls;
    else if (event.type === 'settings') this.#settings = event.settings;
    else return;
    this.#update();
  }

  #view(): TrayView {
    return { status: this.#status, urls: this.#urls, settings: this.#settings };
  }

  #update(): void {
    if (!this.#settings.keepRunningInTray) {
      this.#tray?.destroy();
      this.#tray = null;
      this.#shown = '';
      return;
    }
    const tray = this.#tray ?? this.#create();
    const model = trayMenu(this.#view(), this.options.text());
    const json = JSON.stringify(model);
    if (json === this.#shown) return;
    this.#shown = json;
    tray.setToolTip(model.tooltip);
    // Linux takes a changed menu only when it is set again, so every change builds a new one.
    tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => this.#menuItem(item))));
  }

  #menuItem(item: TrayMenuItem): MenuItemConstructorOptions {
    if (item.type === 'separator' || item.action === undefined) return item;
    const { action, ...options } = item;
    return { ...options, click: () => this.#run(action) };
  }

  #create(): Tray {
    const mac = (this.options.platform ?? process.platform) === 'darwin';
    // The menu bar tints a template image for light and dark; elsewhere the icon shows in colour.
    const image = nativeImage.createFromPath(join(this.options.iconDir, mac ? 'trayTemplate.png' : 'tray.png'));
    if (mac) image.setTemplateImage(true);
    const tray = new Tray(image);
    // A click on the icon opens the window on Windows and Linux; on macOS it opens the menu.
    if (!mac) tray.on('click', () => this.options.open());
    this.#tray = tray;
    return tray;
  }

  #run(action: TrayAction): void {
    switch (action) {
      case 'open':
        return this.options.open();
      case 'copy-link': {
        const link = joinLink(this.#view());
        if (link !== null) clipboard.writeText(link);
        return;
      }
      case 'pause':
        return this.options.setPaused(!this.#status.locked);
      case 'quit':
        return this.options.quit();
    }
  }
}
