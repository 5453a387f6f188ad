// The room: one port serving the peer page and WebSocket clients of both protocols, and the host's API.
// Plain Node: never imports electron. This file puts the parts together and is the host's door to
// them; each part has one concern:
//   server.ts          the HTTP server and the two ws servers: listen, close
//   http-router.ts     plain HTTP requests to route sets (peer-assets.ts serves the page, web-app.ts
//                      its icons and manifest, room-preview-route.ts the join screen's facts)
//   admission.ts       the ordered checks a handshake passes (pin-check.ts: the PIN, for both protocols)
//   connection.ts      sockets, the rate limit, ending a connection
//   liveness.ts        heartbeat and the hello deadline
//   raw-session.ts     lws-minimal; rich-session.ts: lan-chat.v1 (hello/welcome, message dispatch)
//   roster.ts          participants, unique names, sessions, resume grace
//   recent-history.ts  the in-memory history and room events, and what a (re)joining client gets
//   broadcaster.ts     numbering, batching, store-then-deliver (fanout.ts), throttled host events
//   room-files.ts      shared files: store, uploads, their HTTP routes, the host's sharing
//   moderation.ts      the host's rules (lock, waiting room, slow mode, bans, mutes), kept by moderation-store.ts
//   moderator.ts       the host's actions on people and on the door; lobby.ts: the waiting room
//   room-moderation.ts the host's moderation API (people, the door, the history), inherited by this class
// Wire format: common/protocol.ts and docs/protocol.md; limits: common/limits.ts.
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { ClientInfo, JoinUrl, RoomError, RoomSettings, RoomStatus } from '../../common/host-view.js';
import { interleave } from '../../common/history.js';
import { DEFAULT_LIMITS, resolveLimits, type Limits } from '../../common/limits.js';
import type { ChatMessage, HistoryRecord, PresenceEvent, RoomEvent } from '../../common/model.js';
import { RAW_PROTOCOL, type RoomInfo, type RoomPreview } from '../../common/protocol.js';
import { isBlank, sanitizeText } from '../../common/sanitize.js';
import { DEFAULT_SETTINGS, validateSettingsUpdate } from '../../common/settings.js';
import { admit, roomAdmission, upgradeOf, type AdmissionCheck } from './admission.js';
import { Arrivals, type ArrivalCounts } from './arrivals.js';
import { Broadcaster, ThrottledEvent } from './broadcaster.js';
import { Connections, type Connection } from './connection.js';
import { refuseUpgrade } from './handshake.js';
import type { HistoryLog } from './history-log.js';
import { HttpRouter } from './http-router.js';
import { joinUrls } from './join-urls.js';
import { Liveness } from './liveness.js';
import { Lobby } from './lobby.js';
import { Moderation } from './moderation.js';
import type { ModerationStore } from './moderation-store.js';
import { Moderator } from './moderator.js';
import { defaultPeerAssetsDir, PeerAssets } from './peer-assets.js';
import { PinCheck } from './pin-check.js';
import { PinGuard } from './pin-guard.js';
import { RawSession } from './raw-session.js';
import { RecentHistory } from './recent-history.js';
import { RichSession } from './rich-session.js';
import { RoomPreviewRoute } from './room-preview-route.js';
import { RoomFiles, type HostFile } from './room-files.js';
import { RoomModeration } from './room-moderation.js';
import { Roster } from './roster.js';
import { RoomListenError, RoomServer } from './server.js';
import { WebApp } from './web-app.js';
import { newRoomId } from './room-id.js';

export interface RoomOptions {
  /** Address to bind; default `0.0.0.0` (every interface). Tests pass `127.0.0.1`. */
  bindAddress?: string;
  /** Overrides `settings.port`; 0 picks a free port (tests). */
  port?: number;
  /** Initial settings (the caller loads them from the settings store). */
  settings?: Partial<RoomSettings>;
  /** Persistent chat log; omitted or null = memory only. */
  historyLog?: HistoryLog | null;
  /** Where the lock, waiting room, slow mode, bans and mutes are kept; omitted or null = memory only. */
  moderationStore?: ModerationStore | null;
  /** Messages kept in memory for late joiners and resume; default 500. */
  historySize?: number;
  limits?: Partial<Limits>;
  /** Folder of the built peer page (dist/renderer/peer); found automatically when omitted. */
  peerAssetsDir?: string;
  /** `RoomInfo.id` (room-host.ts keeps it for a data directory); default: a random one for this room. */
  roomId?: string;
  /**
   * Folder for shared files (`<dataDir>/files`, next to the history); omitted: a temporary folder,
   * removed when the room closes.
   */
  filesDir?: string;
}

export class Room extends RoomModeration {
  private readonly lim: Limits;
  private currentSettings: RoomSettings;
  private readonly server: RoomServer;
  private readonly connections: Connections;
  private readonly admission: AdmissionCheck[];
  private readonly liveness: Liveness;
  private readonly roster: Roster<Connection>;
  private readonly recent: RecentHistory;
  protected override readonly broadcaster: Broadcaster;
  private readonly raw: RawSession;
  private readonly rich: RichSession;
  /** `RoomInfo.id`. */
  private readonly roomId: string;
  protected override readonly moderation: Moderation;
  protected override readonly lobby: Lobby<Connection>;
  protected override readonly moderator: Moderator;
  private readonly clientsEvent: ThrottledEvent;
  private readonly arrivalsSeen = new Arrivals();
  /** Set by a join that was counted, until the next `arrivals` event. */
  private arrivalsChanged = false;
  protected override readonly files: RoomFiles;
  private closing = false;
  private listenError: RoomError | null = null;

  constructor(readonly options: RoomOptions = {}) {
    super();
    this.lim = resolveLimits(options.limits);
    // `options.port` overrides the stored port, and may be 0 (any free port), which no stored one may be.
    const { port: storedPort, ...stored } = options.settings ?? {};
    const initial = validateSettingsUpdate(
      options.port === undefined && storedPort !== undefined ? { ...stored, port: storedPort } : stored,
    );
    this.currentSettings = { ...DEFAULT_SETTINGS, ...initial, ...(options.port === undefined ? {} : { port: options.port }) };

    const log = options.historyLog ?? null;
    this.recent = new RecentHistory(options.historySize ?? 500, log);
    this.broadcaster = new Broadcaster(this.recent, log, this, {
      bufferCap: this.lim.maxBufferedBytesPerClient,
      saving: () => this.currentSettings.saveHistory,
      statusChanged: () => this.emit('status', this.status()),
    });
    this.clientsEvent = new ThrottledEvent(() => {
      // The list is built only for someone who listens.
      if (this.listenerCount('clients') > 0) this.emit('clients', this.clients());
      if (this.listenerCount('status') > 0) this.emit('status', this.status());
      if (this.arrivalsChanged) this.emit('arrivals', this.arrivals());
      this.arrivalsChanged = false;
      if (this.listenerCount('moderation-state') > 0) this.emit('moderation-state', this.moderationState());
    });
    const presence = (event: PresenceEvent, except?: Connection) => this.broadcaster.presence(event, except);
    const afterSeq = () => this.broadcaster.lastSeq;
    this.roster = new Roster<Connection>(this.currentSettings.hostName, this.lim, {
      joined: (participant, conn) => {
        if (this.arrivalsSeen.record(conn.host)) this.arrivalsChanged = true;
        presence({ type: 'join', ts: Date.now(), afterSeq: afterSeq(), participant }, conn);
      },
      renamed: (participant, oldName) => presence({ type: 'rename', ts: Date.now(), afterSeq: afterSeq(), participant, oldName }),
      left: (participant, reason) => {
        this.files.forget(participant.id);
        presence({ type: 'leave', ts: Date.now(), afterSeq: afterSeq(), participant, reason });
      },
      away: (participant) => presence({ type: 'away', ts: Date.now(), afterSeq: afterSeq(), participant }),
      back: (participant) => presence({ type: 'back', ts: Date.now(), afterSeq: afterSeq(), participant }),
      changed: () => this.clientsEvent.changed(),
    });

    this.connections = new Connections(this.lim, (conn, code) => {
      this.broadcaster.forget(conn);
      this.liveness.clearHelloDeadline(conn);
      this.lobby.remove(conn);
      this.roster.connectionClosed(conn, code);
    });
    this.liveness = new Liveness(this.connections, this.lim);
    this.roomId = options.roomId ?? newRoomId();
    this.lobby = new Lobby<Connection>(() => this.clientsEvent.changed());
    this.moderation = new Moderation(options.moderationStore ?? null, {
      expired: (kind, restriction) => this.moderator.expired(kind, restriction),
      warning: (message) => this.emit('warning', message),
    });
    this.moderator = new Moderator({
      roster: this.roster,
      broadcaster: this.broadcaster,
      moderation: this.moderation,
      lobby: this.lobby,
      room: this,
      roomInfo: () => this.roomInfo(),
      statusChanged: () => this.emit('status', this.status()),
      changed: () => this.clientsEvent.changed(),
    });
    const pins = new PinCheck(new PinGuard(this.lim.maxPinFailures, this.lim.pinLockoutMs, this.lim.maxRoomPinFailures));
    this.admission = roomAdmission({
      open: () => !this.closing,
      connections: this.connections,
      limits: this.lim,
      pins,
      pin: () => this.currentSettings.pin,
      moderator: this.moderator,
    });
    const waitingRoom = () => this.moderation.waitingRoom;
    this.raw = new RawSession({
      roster: this.roster,
      broadcaster: this.broadcaster,
      moderator: this.moderator,
      lobby: this.lobby,
      waitingRoom,
    });
    this.files = new RoomFiles({
      dir: options.filesDir,
      limits: this.lim,
      settings: () => this.currentSettings,
      lastStoredSeq: () => log?.lastSeq ?? 0,
      member: (session) => this.roster.bySession(session)?.participant.id,
      onWarning: (message) => this.emit('warning', message),
    });
    this.rich = new RichSession({
      roomId: this.roomId,
      limits: this.lim,
      settings: () => this.currentSettings,
      roster: this.roster,
      broadcaster: this.broadcaster,
      history: this.recent,
      liveness: this.liveness,
      pins,
      files: this.files,
      moderator: this.moderator,
      lobby: this.lobby,
      waitingRoom,
      roomInfo: () => this.roomInfo(),
    });
    this.server = new RoomServer(this.lim, {
      upgrade: (req, socket, head) => this.onUpgrade(req, socket, head),
      error: (err) => this.emit('warning', `server error: ${err.message}`),
    });
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  /** Starts listening. Rejects with a `RoomListenError` (code `port-in-use` or `listen-failed`). */
  async listen(): Promise<{ bindAddress: string; port: number }> {
    const bindAddress = this.options.bindAddress ?? '0.0.0.0';
    const peerDir = this.options.peerAssetsDir ?? defaultPeerAssetsDir();
    const router = new HttpRouter(
      [
        this.files.routeSet,
        new PeerAssets(peerDir),
        new WebApp(join(peerDir, '..'), () => this.currentSettings.roomName),
        new RoomPreviewRoute(() => this.preview()),
      ],
      this.lim.requestTimeoutMs,
    );
    let port: number;
    try {
      this.files.open();
      port = await this.server.listen(bindAddress, this.options.port ?? this.currentSettings.port, router.handle);
    } catch (error) {
      this.files.close();
      if (error instanceof RoomListenError) {
        this.listenError = { code: error.code, message: error.message };
        this.emit('status', this.status());
      }
      throw error;
    }
    this.closing = false;
    this.listenError = null;
    this.liveness.start();
    this.emit('status', this.status());
    return { bindAddress, port };
  }

  /** Closes every client (1001) and the server. */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.closing = true;
    this.broadcaster.flush();
    this.liveness.stop();
    this.moderation.stop();
    this.clientsEvent.cancel();
    this.roster.shutDown();
    await this.connections.endAll(this.server.close());
    this.files.close();
    this.roster.clear();
    this.emit('status', this.status());
  }

  // ---- host API -----------------------------------------------------------------------------------

  /** Sends a chat message as the host. Throws a `RangeError` for empty or over-long text. */
  send(text: string): ChatMessage {
    const clean = sanitizeText(String(text));
    if (isBlank(clean)) throw new RangeError('the message is empty');
    const bytes = Buffer.byteLength(clean);
    if (bytes > this.lim.maxMessageBytes) {
      throw new RangeError(`the message is ${bytes} bytes; the limit is ${this.lim.maxMessageBytes}`);
    }
    return this.broadcaster.accept(this.roster.host, clean, undefined, null);
  }

  /** What the join screen shows before anyone joins (`GET /api/room`). */
  preview(): RoomPreview {
    const { roomName, hostName, pin } = this.currentSettings;
    return { name: roomName, hostName, pinRequired: pin !== null, maxNameLength: this.lim.maxNameLength };
  }

  /**
   * Shares files as the host, with `caption` (may be empty). Every file is stored before the message
   * goes out. Throws a `RangeError` saying what is wrong (not a file, over a limit, caption too long).
   */
  async shareFiles(files: readonly HostFile[], caption = ''): Promise<ChatMessage> {
    const text = sanitizeText(String(caption));
    const bytes = Buffer.byteLength(text);
    if (bytes > this.lim.maxMessageBytes) throw new RangeError(`the caption is ${bytes} bytes; the limit is ${this.lim.maxMessageBytes}`);
    const refs = await this.files.ingest(files);
    const message = this.broadcaster.accept(this.roster.host, isBlank(text) ? '' : text, undefined, null, refs);
    this.files.shared(refs, message.seq);
    return message;
  }

  /** A shared file and the paths of its bytes and preview (for the host window); undefined if there is none. */
  sharedFile(id: string): ReturnType<RoomFiles['lookup']> {
    return this.files.lookup(id);
  }

  /** Everyone in the room except the host, including rich participants waiting to resume (or away). */
  clients(): ClientInfo[] {
    return this.roster.clients();
  }

  status(): RoomStatus {
    return {
      running: this.server.listening,
      bindAddress: this.server.bindAddress,
      port: this.server.port,
      clientCount: this.roster.size,
      lastSeq: this.broadcaster.lastSeq,
      locked: this.moderation.locked,
      error: this.listenError ?? this.broadcaster.storageError,
    };
  }

  /** Recent delivered history, oldest first (at most `historySize` messages). */
  history(): ChatMessage[] {
    return this.recent.recent();
  }

  /** The room events (presence, moderation) among `history()`, oldest first. */
  historyEvents(): RoomEvent[] {
    return this.recent.recentEvents();
  }

  /** `history()` and `historyEvents()` as one list, in the order they happened. */
  historyRecords(): HistoryRecord[] {
    return interleave(this.history(), this.historyEvents());
  }

  joinUrls(): JoinUrl[] {
    if (!this.server.listening) return [];
    return joinUrls(this.server.bindAddress, this.server.port, this.currentSettings.pin);
  }

  /** How many people have joined through each address of the room since it started (`arrivals.ts`). */
  arrivals(): ArrivalCounts {
    return this.arrivalsSeen.snapshot();
  }

  /** The limits in force (defaults merged with `RoomOptions.limits`). */
  limits(): Limits {
    return { ...this.lim };
  }

  settings(): RoomSettings {
    return { ...this.currentSettings };
  }

  /**
   * Applies what can change live (room name, host name, PIN, save history); a port change needs a
   * restart. A new room name or host name reaches every page at once. A new PIN ends every resumable
   * session that did not give it; `removeConnected` also takes those out who are connected now.
   * Throws a `TypeError`/`RangeError` for an invalid value and then changes nothing.
   */
  updateSettings(update: Partial<RoomSettings>, { removeConnected = false }: { removeConnected?: boolean } = {}): RoomSettings {
    const before = this.currentSettings;
    const after = (this.currentSettings = { ...before, ...validateSettingsUpdate(update) });
    this.roster.renameHost(after.hostName);
    if (after.roomName !== before.roomName) this.moderator.roomRenamed(before.roomName, after.roomName);
    if (after.pin !== before.pin) this.moderator.pinChanged(before.pin, after.pin, removeConnected);
    if (after.roomName !== before.roomName || after.hostName !== before.hostName) this.moderator.roomChanged();
    this.emit('settings', this.settings());
    return this.settings();
  }

  /** The room as its clients see it. */
  private roomInfo(): RoomInfo {
    const { roomName, hostName, maxFileBytes, maxUploadsAtOnce } = this.currentSettings;
    return {
      id: this.roomId,
      name: roomName,
      hostName,
      maxMessageBytes: this.lim.maxMessageBytes,
      maxNameLength: this.lim.maxNameLength,
      heartbeatMs: this.lim.heartbeatMs || DEFAULT_LIMITS.heartbeatMs,
      maxFileBytes,
      maxUploadsAtOnce,
      locked: this.moderation.locked,
      slowModeSeconds: this.moderation.slowModeSeconds,
    };
  }

  // ---- a new connection ---------------------------------------------------------------------------

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const upgrade = upgradeOf(req, socket);
    const refusal = admit(this.admission, upgrade);
    if (refusal !== null) return refuseUpgrade(socket, refusal.status, refusal.message);
    const protocol = upgrade.protocol!;
    const session = protocol === RAW_PROTOCOL ? this.raw : this.rich;
    this.server.accept(protocol, req, socket, head, (ws) => {
      session.open(this.connections.add(ws, socket, protocol, session, upgrade));
    });
  }
}
