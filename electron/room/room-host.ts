// The room as a host runs it, in the desktop app and the headless CLI alike: settings from the data
// directory under this run's overrides, the chat log next to them, a clear status instead of a crash
// when the port is taken, a restart when the host picks another port, and the join addresses kept up
// to date. Without a data directory nothing is stored: settings start from the defaults, chat stays in
// memory. The host's moderation (lock, waiting room, slow mode, bans, mutes) is kept there too.
import { join } from 'node:path';
import { messageOf } from '../../common/errors.js';
import type { HostEvent, RoomError, RoomSettings, RoomStatus, Snapshot } from '../../common/host-view.js';
import type { Limits } from '../../common/limits.js';
import type { HistoryRecord } from '../../common/model.js';
import { DEFAULT_SETTINGS, validateSettingsUpdate } from '../../common/settings.js';
import { openHistoryLog, type HistoryLog } from './history-log.js';
import { readRecords } from './history-reader.js';
import { likelyOrigin } from './join-urls.js';
import { fileModerationStore } from './moderation-store.js';
import { Room } from './room.js';
import { RoomListenError } from './server.js';
import { makeFilePrivate, privateDir } from './private-files.js';
import { newRoomId, roomIdOf } from './room-id.js';
import { loadSettings, saveSettings, settingsPath } from './settings-store.js';

export interface RoomHostOptions {
  /** Folder of `settings.json` and the chat log (the app's user-data folder, the CLI's `--data-dir`). */
  dataDir?: string;
  /** Address to bind; default every interface (the room is for the LAN). */
  bindAddress?: string;
  /** Port for this run instead of the stored one (0: any free one), until the host picks another in the settings. */
  port?: number;
  /** Settings for this run over the stored ones (the CLI's flags); not stored, and gone once the host changes that setting. */
  overrides?: Partial<RoomSettings>;
  /**
   * Open the chat log even while `saveHistory` is off, so that turning saving on takes effect at once:
   * the desktop app, whose settings change while it runs. Otherwise a run that does not save leaves the
   * data directory's history alone. Default false.
   */
  openLogWhenNotSaving?: boolean;
  limits?: Partial<Limits>;
  /** Messages the room keeps in memory (`RoomOptions.historySize`). */
  historySize?: number;
  /** Told about every change a host view shows (of the kinds in `events`). */
  onEvent: (event: HostEvent) => void;
  /**
   * The kinds of event `onEvent` wants; default all. Asking for fewer saves work: the room builds no client
   * list and emits no chat to nobody, and nobody polls the join addresses.
   */
  events?: readonly HostEvent['type'][];
  /** Told about trouble that is not fatal (a broken settings file, a skipped log record). Default: `console.warn`. */
  onWarning?: (message: string) => void;
  /**
   * How often the join addresses are re-read while the room runs, in ms (default 5000): Wi-Fi joins,
   * VPNs and cables come and go, and the window's addresses and QR code must follow.
   */
  urlPollMs?: number;
}

const DEFAULT_URL_POLL_MS = 5000;
const ALL_EVENTS: readonly HostEvent['type'][] = [
  'chat',
  'presence',
  'moderation',
  'clients',
  'moderation-state',
  'status',
  'urls',
  'settings',
  'history-cleared',
  'arrivals',
  'message-removed',
];

export class RoomHost {
  #room: Room;
  #log: HistoryLog | null = null;
  /** Set when the chat log cannot be opened: the room then runs without it, and the status says so. */
  #storageError: RoomError | null = null;
  /** What `settings.json` holds (the defaults without a data directory). */
  #stored: RoomSettings;
  #overrides: Partial<RoomSettings>;
  #portOverride: number | undefined;
  /** Start, stop and settings changes run one at a time, in order. */
  #queue: Promise<unknown> = Promise.resolve();
  /** The join addresses last sent, as JSON, so only a change is sent. */
  #sentUrls = '';
  #urlTimer: NodeJS.Timeout | null = null;
  readonly #wants: ReadonlySet<HostEvent['type']>;
  /** `RoomInfo.id`: the data directory's, or one for this host's lifetime (every room it restarts keeps it). */
  readonly #roomId: string;

  /** Throws a `TypeError`/`RangeError` for an invalid override or limit, with nothing left open. */
  constructor(private readonly options: RoomHostOptions) {
    this.#wants = new Set(options.events ?? ALL_EVENTS);
    this.#portOverride = options.port;
    this.#overrides = { ...options.overrides };
    if (options.dataDir !== undefined) {
      // Private to the user, also when an older version made it readable to everyone. A folder that
      // cannot be used shows up again, as the status, when the log is opened.
      try {
        privateDir(options.dataDir);
        makeFilePrivate(settingsPath(options.dataDir));
      } catch (error) {
        this.#warn(`cannot make ${options.dataDir} private: ${messageOf(error)}`);
      }
    }
    this.#stored = options.dataDir === undefined ? { ...DEFAULT_SETTINGS } : loadSettings(options.dataDir, this.#warn);
    this.#roomId = this.#storedRoomId() ?? newRoomId();
    this.#room = this.#createRoom();
  }

  get room(): Room {
    return this.#room;
  }

  /** Maximum chat message size in UTF-8 bytes. */
  get maxMessageBytes(): number {
    return this.#room.limits().maxMessageBytes;
  }

  /** Whether chat is being written to the data directory now. */
  get savesHistory(): boolean {
    return this.#log !== null && this.#room.settings().saveHistory;
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
      events: room.historyEvents(),
      moderation: room.moderationState(),
      settings: room.settings(),
      maxMessageBytes: this.maxMessageBytes,
      arrivals: room.arrivals(),
      platform: process.platform,
    };
  }

  /**
   * Validates, stores and applies settings. A new port, or any change while the room is down (say,
   * after "port in use"), restarts the room; the rest applies live (`Room.updateSettings`: a new PIN
   * ends the sessions that lack it, and with `removeConnected` takes those out who are here now).
   */
  updateSettings(update: Partial<RoomSettings>, options: { removeConnected?: boolean } = {}): Promise<RoomSettings> {
    return this.#serialize(async () => {
      const clean = validateSettingsUpdate(update);
      const stored = { ...this.#stored, ...clean };
      if (this.options.dataDir !== undefined) saveSettings(this.options.dataDir, stored);
      this.#stored = stored;
      for (const key of Object.keys(clean) as (keyof RoomSettings)[]) delete this.#overrides[key];
      if (clean.port !== undefined) this.#portOverride = undefined;
      const { running, port } = this.#room.status();
      const restart = !running || (clean.port !== undefined && clean.port !== port);
      if (!restart) return this.#room.updateSettings(clean, options);
      await this.#close();
      this.#room = this.#createRoom();
      await this.#listen();
      this.#emit({ type: 'settings', settings: this.#room.settings() });
      return this.#room.settings();
    });
  }

  /**
   * Re-reads the join addresses now and sends them if they changed, instead of waiting for the next poll:
   * after a wake from sleep the machine may be on another network.
   */
  refreshJoinUrls(): void {
    this.#sendUrls();
  }

  /** Where shared files are reached from another device, for the links in an export. */
  filesOrigin(): string {
    const { bindAddress, port } = this.#room.status();
    return likelyOrigin(bindAddress || '0.0.0.0', port || this.#room.settings().port);
  }

  /**
   * What an export writes: the whole stored log (messages and room events) when history is saved, else
   * what the room remembers.
   */
  exportableHistory(): HistoryRecord[] {
    const { dataDir } = this.options;
    return dataDir !== undefined && this.savesHistory ? readRecords(dataDir, { onWarning: this.#warn }) : this.#room.historyRecords();
  }

  #createRoom(): Room {
    const settings = { ...this.#stored, ...this.#overrides };
    this.#storageError = null;
    // The room consults `saveHistory` on every write, so with the log open saving can change live.
    const { dataDir } = this.options;
    const log = dataDir !== undefined && (settings.saveHistory || this.options.openLogWhenNotSaving) ? this.#openLog(dataDir) : null;
    let room: Room;
    try {
      room = new Room({
        bindAddress: this.options.bindAddress,
        port: this.#portOverride,
        settings,
        historyLog: log,
        // Files live next to the history they belong to; a run that stores no history keeps none.
        filesDir: log === null ? undefined : join(dataDir!, 'files'),
        moderationStore: dataDir === undefined ? null : fileModerationStore(dataDir, this.#warn),
        limits: this.options.limits,
        historySize: this.options.historySize,
        roomId: this.#roomId,
      });
    } catch (error) {
      log?.close();
      throw error;
    }
    this.#log = log;
    // Only what is wanted is listened to: the room does work for a listener (a client list, an event per chat).
    const forward = this.options.onEvent;
    const wants = this.#wants;
    if (wants.has('chat')) room.on('chat', (message) => forward({ type: 'chat', message }));
    if (wants.has('presence')) room.on('presence', (event) => forward({ type: 'presence', event }));
    if (wants.has('moderation')) room.on('moderation', (event) => forward({ type: 'moderation', event }));
    if (wants.has('clients')) room.on('clients', (clients) => forward({ type: 'clients', clients }));
    if (wants.has('moderation-state')) room.on('moderation-state', (moderation) => forward({ type: 'moderation-state', moderation }));
    if (wants.has('message-removed')) room.on('message-removed', (message) => forward({ type: 'message-removed', seq: message.seq }));
    if (wants.has('status')) room.on('status', () => forward({ type: 'status', status: this.status() }));
    room.on('settings', (changed) => {
      this.#emit({ type: 'settings', settings: changed });
      // The PIN is part of the join URLs.
      this.#sendUrls();
    });
    if (wants.has('history-cleared')) room.on('history-cleared', () => forward({ type: 'history-cleared' }));
    if (wants.has('arrivals')) room.on('arrivals', (arrivals) => forward({ type: 'arrivals', arrivals }));
    room.on('warning', this.#warn);
    return room;
  }

  /** The data directory's room id; null without one, or when it cannot be read or stored (a warning says so). */
  #storedRoomId(): string | null {
    if (this.options.dataDir === undefined) return null;
    try {
      return roomIdOf(this.options.dataDir);
    } catch (error) {
      this.#warn(`room id: ${messageOf(error)}; this run has its own`);
      return null;
    }
  }

  #openLog(dataDir: string): HistoryLog | null {
    try {
      return openHistoryLog(dataDir, { onWarning: this.#warn });
    } catch (error) {
      this.#storageError = { code: 'storage', message: `chat history is not being saved: ${messageOf(error)}` };
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
    // A restarted room starts empty; say so in full rather than leave a view's lists stale.
    this.#emit({ type: 'status', status: this.status() });
    this.#sendUrls(true);
    if (this.#wants.has('clients')) this.#emit({ type: 'clients', clients: this.#room.clients() });
    if (this.#room.status().running && this.#wants.has('urls')) {
      this.#urlTimer = setInterval(() => this.#sendUrls(), this.options.urlPollMs ?? DEFAULT_URL_POLL_MS);
      // A timer of the host's own must not keep the process alive on its way out.
      this.#urlTimer.unref();
    }
  }

  /** Sends the join URLs when they differ from what was sent last (or always, with `force`). */
  #sendUrls(force = false): void {
    if (!this.#wants.has('urls')) return;
    const urls = this.#room.joinUrls();
    const json = JSON.stringify(urls);
    if (!force && json === this.#sentUrls) return;
    this.#sentUrls = json;
    this.#emit({ type: 'urls', urls });
  }

  async #close(): Promise<void> {
    clearInterval(this.#urlTimer ?? undefined);
    this.#urlTimer = null;
    if (this.#room.status().running) await this.#room.close();
    this.#room.removeAllListeners();
    this.#log?.close();
    this.#log = null;
  }

  #emit(event: HostEvent): void {
    if (this.#wants.has(event.type)) this.options.onEvent(event);
  }

  #serialize<T>(step: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(step);
    this.#queue = result.catch(() => {});
    return result;
  }

  readonly #warn = (message: string): void => {
    if (this.options.onWarning !== undefined) this.options.onWarning(message);
    else console.warn(`LAN Chat: ${message}`);
  };
}
