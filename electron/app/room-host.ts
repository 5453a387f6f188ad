// The room as the desktop app runs it: settings and chat log in the user-data folder, a clear error
// instead of a crash when the port is taken, and a restart when the host picks another port.
import type { HostEvent, Snapshot } from '../ipc-contract.js';
import { DEFAULT_LIMITS } from '../../common/limits.js';
import { openHistoryLog, readHistory } from '../room/history-log.js';
import { Room, RoomListenError } from '../room/room.js';
import { loadSettings, saveSettings } from '../room/settings-store.js';
import type { ChatMessage } from '../../common/model.js';
import type { HistoryLog } from '../room/history-log.js';
import type { RoomError, RoomSettings, RoomStatus } from '../../common/host-view.js';

export interface RoomHostOptions {
  /** The app's user-data folder: `settings.json` and the chat log live here. */
  dataDir: string;
  /** Address to bind; default every interface (the room is for the LAN). */
  host?: string;
  /** Port for this run instead of the stored one, until the host picks another in the settings. */
  port?: number;
  /** Told about every change the window should show. */
  onEvent: (event: HostEvent) => void;
  /**
   * How often the join addresses are re-read while the room runs, in ms (default 5000): Wi-Fi joins,
   * VPNs and cables come and go, and the window's addresses and QR code must follow.
   */
  urlPollMs?: number;
}

const DEFAULT_URL_POLL_MS = 5000;

export class RoomHost {
  readonly maxMessageBytes = DEFAULT_LIMITS.maxMessageBytes;
  #room: Room;
  #log: HistoryLog | null = null;
  /** Set when the chat log cannot be opened: the room then runs without it, and the window says so. */
  #storageError: RoomError | null = null;
  #portOverride: number | undefined;
  /** The port in the settings file: the room reports the override instead while one is in force. */
  #storedPort: number;
  /** Start, stop and settings changes run one at a time, in order. */
  #queue: Promise<unknown> = Promise.resolve();
  /** The join addresses last sent to the window, as JSON, so only a change is sent. */
  #sentUrls = '';
  #urlTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: RoomHostOptions) {
    this.#portOverride = options.port;
    const settings = loadSettings(options.dataDir, warn);
    this.#storedPort = settings.port;
    this.#room = this.#createRoom(settings);
  }

  get room(): Room {
    return this.#room;
  }

  /** Starts listening; a taken port is reported in the status, not thrown. */
  start(): Promise<void> {
    return this.#serialize(() => this.#listen());
  }

  /** Closes every client and the server, then the chat log. */
  stop(): Promise<void> {
    return this.#serialize(() => this.#close());
  }

  status(): RoomStatus {
    const status = this.#room.status();
    return status.error === null && this.#storageError !== null ? { ...status, error: this.#storageError } : status;
  }

  snapshot(): Snapshot {
    const room = this.#room;
    return {
      status: this.status(),
      urls: room.joinUrls(),
      clients: room.clients(),
      history: room.history(),
      settings: room.settings(),
      maxMessageBytes: this.maxMessageBytes,
    };
  }

  /**
   * Stores and applies validated settings. A new port, or any change while the room is down (say, after
   * "port in use"), restarts the room; the rest applies live.
   */
  updateSettings(update: Partial<RoomSettings>): Promise<RoomSettings> {
    return this.#serialize(async () => {
      const next = { ...this.#room.settings(), ...update, port: update.port ?? this.#storedPort };
      saveSettings(this.options.dataDir, next);
      this.#storedPort = next.port;
      if (update.port !== undefined) this.#portOverride = undefined;
      const { running, port } = this.#room.status();
      const restart = !running || (update.port !== undefined && update.port !== port);
      if (!restart) return this.#room.updateSettings(update);
      await this.#close();
      this.#room = this.#createRoom(next);
      await this.#listen();
      this.options.onEvent({ type: 'settings', settings: this.#room.settings() });
      return this.#room.settings();
    });
  }

  /** What an export writes: the whole stored log when history is saved, else what the room remembers. */
  exportableHistory(): ChatMessage[] {
    const saved = this.#log !== null && this.#room.settings().saveHistory;
    return saved ? readHistory(this.options.dataDir, { onWarning: warn }) : this.#room.history();
  }

  #createRoom(settings: RoomSettings): Room {
    this.#storageError = null;
    // Open even with saving off: the room consults `saveHistory` on every write, so it can change live.
    this.#log = this.#openLog();
    const room = new Room({
      host: this.options.host,
      port: this.#portOverride,
      settings,
      historyLog: this.#log,
    });
    const forward = this.options.onEvent;
    room.on('chat', (message) => forward({ type: 'chat', message }));
    room.on('presence', (event) => forward({ type: 'presence', event }));
    room.on('clients', (clients) => forward({ type: 'clients', clients }));
    room.on('status', () => forward({ type: 'status', status: this.status() }));
    room.on('settings', (changed) => {
      forward({ type: 'settings', settings: changed });
      // The PIN is part of the join URLs.
      this.#sendUrls();
    });
    room.on('history-cleared', () => forward({ type: 'history-cleared' }));
    room.on('warning', warn);
    return room;
  }

  #openLog(): HistoryLog | null {
    try {
      return openHistoryLog(this.options.dataDir, { onWarning: warn });
    } catch (error) {
      this.#storageError = { code: 'storage', message: `History is not being saved: ${messageOf(error)}` };
      return null;
    }
  }

  async #listen(): Promise<void> {
    try {
      await this.#room.listen();
    } catch (error) {
      // A taken port is the room's status (error 'port-in-use'): the window shows it and offers another.
      if (!(error instanceof RoomListenError)) throw error;
    }
    // A restarted room starts empty; say so in full rather than leave the window's lists stale.
    this.options.onEvent({ type: 'status', status: this.status() });
    this.#sendUrls(true);
    this.options.onEvent({ type: 'clients', clients: this.#room.clients() });
    if (this.#room.status().running) {
      this.#urlTimer = setInterval(() => this.#sendUrls(), this.options.urlPollMs ?? DEFAULT_URL_POLL_MS);
      // A timer of the app's own must not keep the process alive on its way out.
      this.#urlTimer.unref();
    }
  }

  /** Sends the join URLs when they differ from what the window has (or always, with `force`). */
  #sendUrls(force = false): void {
    const urls = this.#room.joinUrls();
    const json = JSON.stringify(urls);
    if (!force && json === this.#sentUrls) return;
    this.#sentUrls = json;
    this.options.onEvent({ type: 'urls', urls });
  }

  async #close(): Promise<void> {
    clearInterval(this.#urlTimer ?? undefined);
    this.#urlTimer = null;
    if (this.#room.status().running) await this.#room.close();
    this.#room.removeAllListeners();
    this.#log?.close();
    this.#log = null;
  }

  #serialize<T>(step: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(step);
    this.#queue = result.catch(() => {});
    return result;
  }
}

function warn(message: string): void {
  console.warn(`LAN Chat: ${message}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
