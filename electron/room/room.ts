// The room: one HTTP server on one port serving the peer page and accepting WebSocket clients of both
// protocols, the room state (participants, history, sequence numbers) and the host's API. Plain Node:
// never imports electron. Wire format: protocol.ts and docs/protocol.md; limits: limits.ts.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData, type Server as WsServer } from 'ws';
import { FrameBatch, JsonItems, sendParts, type FanoutTarget } from './fanout.js';
import { chooseProtocol, isAllowedHost, isAllowedOrigin, pinFromUrl, refuseUpgrade, type Subprotocol } from './handshake.js';
import { joinUrls } from './join-urls.js';
import { resolveLimits, type Limits } from '../../common/limits.js';
import { isBlank, sanitizeName, sanitizeText, uniqueName } from '../../common/sanitize.js';
import { defaultPeerAssetsDir, PeerAssets } from './peer-assets.js';
import { PinGuard } from './pin-guard.js';
import { DEFAULT_SETTINGS, validateSettingsUpdate } from '../../common/settings.js';
import {
  CloseCode,
  PROTOCOL_VERSION,
  RAW_PROTOCOL,
  RICH_PROTOCOL,
  type ClientMessage,
  type ErrorCode,
  type ErrorMessage,
  type HelloMessage,
  type ServerMessage,
  type WelcomeMessage,
} from '../../common/protocol.js';
import type { ChatMessage, LeaveReason, Participant, PresenceEvent } from '../../common/model.js';
import type { ClientInfo, JoinUrl, RoomError, RoomSettings, RoomStatus } from '../../common/host-view.js';
import type { HistoryLog } from './history-log.js';
import type { RoomEventMap } from './room-events.js';

export interface RoomOptions {
  /** Address to bind; default `0.0.0.0` (every interface). Tests pass `127.0.0.1`. */
  host?: string;
  /** Overrides `settings.port`; 0 picks a free port (tests). */
  port?: number;
  /** Initial settings (the caller loads them from the settings store). */
  settings?: Partial<RoomSettings>;
  /** Persistent chat log; omitted or null = memory only. */
  historyLog?: HistoryLog | null;
  /** Messages kept in memory for late joiners and resume; default 500. */
  historySize?: number;
  limits?: Partial<Limits>;
  /** Folder of the built peer page (dist/renderer/peer); found automatically when omitted. */
  peerAssetsDir?: string;
}

/** Why `listen()` failed; `port` is the one that was asked for. */
export class RoomListenError extends Error {
  constructor(
    readonly code: 'port-in-use' | 'listen-failed',
    readonly port: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RoomListenError';
  }
}

/** The host's participant id; no client gets it. */
export const HOST_ID = 'host';
/** While someone keeps typing, their `typing: true` is relayed at most this often. */
const TYPING_RELAY_MS = 2000;
/** A rate-limited rich client is told so at most this often. */
const RATE_NOTICE_MS = 5000;
/** Longest `clientMsgId` the room echoes. */
const MAX_CLIENT_MSG_ID = 128;
/** Share of the per-client buffered cap a welcome's history may fill, so a join never trips the cap. */
const WELCOME_HISTORY_SHARE = 0.5;
/**
 * A batch of presence and typing only goes out at most this often: in a join storm each rich client
 * gets one write per interval, not one per join. Chat never waits; it takes whatever is pending along,
 * in order.
 */
const PRESENCE_INTERVAL_MS = 100;
/** 'clients' (the whole list) and the 'status' that goes with it are emitted at most this often. */
const CLIENTS_EVENT_INTERVAL_MS = 100;
/** How a welcome's JSON ends, after the participant list. */
const WELCOME_END = Buffer.from(']}');

/**
 * `ws`'s socket class with a slot for its connection, so one set of listeners serves every socket
 * (`this` is the socket) instead of closures per connection.
 */
class RoomSocket extends WebSocket {
  conn: Connection | null = null;
}

/**
 * One WebSocket connection. A class, not an object literal: an idle room holds a thousand of these, and
 * instances of one class share their shape (a literal with a getter gets a property dictionary each).
 */
class Connection implements FanoutTarget {
  readonly connectedAt = Date.now();
  /** Set once the connection is a participant (raw: at once; rich: after `hello`). */
  member: Member | null = null;
  /** Cleared by each heartbeat ping, set again by the pong or any frame. */
  alive = true;
  /** Token bucket: messages it may send right now, and when that was computed. */
  tokens: number;
  refilledAt = performance.now();
  /** Messages parsed while its reads were paused, waiting for tokens (null when there are none). */
  queue: Buffer[] | null = null;
  paused = false;
  /** When the client was last told it is rate-limited (rich only), so the notice is not repeated. */
  rateNoticeAt = -Infinity;
  drainTimer: NodeJS.Timeout | null = null;
  /** Rich only: when (`performance.now()`) it must have sent `hello` by; 0 once it has. */
  helloDeadline = 0;
  /** Set when the room ends the connection, so 'close' knows what happened. */
  endedBy: 'kick' | 'replaced' | 'timeout' | 'error' | 'shutdown' | null = null;

  constructor(
    readonly room: Room,
    readonly ws: RoomSocket,
    readonly socket: Duplex,
    readonly protocol: Subprotocol,
    readonly address: string,
    /** PIN from the upgrade URL (`?pin=`), for clients that put it there. */
    readonly urlPin: string | null,
    tokens: number,
  ) {
    this.tokens = tokens;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }
}

/** A participant other than the host; a rich one outlives its connection for the resume grace. */
interface Member {
  participant: Participant;
  conn: Connection | null;
  /** Resume token (rich only). */
  session: string | null;
  address: string;
  protocol: Subprotocol;
  connectedAt: number;
  graceTimer: NodeJS.Timeout | null;
  typing: boolean;
  typingRelayedAt: number;
}

export class Room extends EventEmitter<RoomEventMap> {
  private readonly lim: Limits;
  private readonly historySize: number;
  private readonly historyLog: HistoryLog | null;
  private currentSettings: RoomSettings;
  private host: Participant;

  private server: Server | null = null;
  private rawServer: WsServer<typeof RoomSocket> | null = null;
  private richServer: WsServer<typeof RoomSocket> | null = null;
  private boundHost = '';
  private boundPort = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private closing = false;
  private error: RoomError | null = null;

  private readonly connections = new Set<Connection>();
  private readonly perIp = new Map<string, number>();
  private readonly pinGuard: PinGuard;
  /** Receivers of the raw and the rich form of each broadcast. */
  private readonly rawTargets = new Set<Connection>();
  private readonly richTargets = new Set<Connection>();
  private readonly members = new Map<string, Member>();
  private readonly sessions = new Map<string, Member>();
  /** Lower-case name -> member, for uniqueness. The host's name is checked separately. */
  private readonly names = new Map<string, Member>();
  private nextId = 1;
  private nextGuest = 1;
  /** `participantList()`; null until a welcome needs it, and after a leave or rename. */
  private participantItems: JsonItems | null = null;

  /** Highest sequence number handed out, and the highest one delivered (in `ring`). */
  private lastSeq: number;
  private deliveredSeq: number;
  private ring: ChatMessage[];

  /** What this tick's flush will store and deliver. */
  private pendingChats: ChatMessage[] = [];
  private rawBatch = new FrameBatch<Connection>();
  private richBatch = new FrameBatch<Connection>();
  private flushScheduled = false;
  /** A presence-only flush waiting for its interval, and when the last flush ran (`performance.now()`). */
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushAt = -Infinity;
  private clientsEventTimer: NodeJS.Timeout | null = null;
  private lastClientsEventAt = -Infinity;
  /** Rich connections that have not sent `hello` yet, oldest first, and the one timer that ends them. */
  private readonly awaitingHello = new Set<Connection>();
  private helloTimer: NodeJS.Timeout | null = null;

  constructor(readonly options: RoomOptions = {}) {
    super();
    this.lim = resolveLimits(options.limits);
    this.pinGuard = new PinGuard(this.lim.maxPinFailures, this.lim.pinLockoutMs);
    this.historySize = options.historySize ?? 500;
    if (!Number.isSafeInteger(this.historySize) || this.historySize < 1) {
      throw new RangeError('historySize must be a whole number >= 1');
    }
    this.historyLog = options.historyLog ?? null;
    // `options.port` overrides the stored port, and may be 0 (any free port), which no stored one may be.
    const { port: storedPort, ...stored } = options.settings ?? {};
    const initial = validateSettingsUpdate(options.port === undefined && storedPort !== undefined ? { ...stored, port: storedPort } : stored);
    this.currentSettings = { ...DEFAULT_SETTINGS, ...initial, ...(options.port === undefined ? {} : { port: options.port }) };
    this.host = { id: HOST_ID, name: this.currentSettings.hostName, kind: 'host' };
    this.lastSeq = this.historyLog?.lastSeq ?? 0;
    this.deliveredSeq = this.lastSeq;
    this.ring = this.historyLog?.recent(this.historySize) ?? [];
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  /** Starts listening. Rejects with a `RoomListenError` (code `port-in-use` or `listen-failed`). */
  async listen(): Promise<{ host: string; port: number }> {
    if (this.server !== null) throw new Error('the room is already listening');
    const host = this.options.host ?? '0.0.0.0';
    const port = this.options.port ?? this.currentSettings.port;
    const assets = new PeerAssets(this.options.peerAssetsDir ?? defaultPeerAssetsDir());
    const { headersTimeoutMs, requestTimeoutMs } = this.lim;
    const server = createServer(
      {
        headersTimeout: headersTimeoutMs,
        requestTimeout: requestTimeoutMs,
        // Node checks those timeouts on this interval (default 30 s), so it bounds their precision.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
      },
      (req, res) => assets.handle(req, res),
    );
    server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    const common = {
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxFragments: this.lim.maxFragments,
      maxBufferedChunks: this.lim.maxBufferedChunks,
      WebSocket: RoomSocket,
    } as const;
    // `onUpgrade` has chosen the protocol and hands each handshake to the server of that protocol,
    // so each answers with its own name (ws asks only when the client offered some).
    this.rawServer = new WebSocketServer({ ...common, maxPayload: this.lim.maxMessageBytes, handleProtocols: () => RAW_PROTOCOL });
    // A rich frame wraps the text in JSON; quotes and backslashes double in size when escaped.
    this.richServer = new WebSocketServer({
      ...common,
      maxPayload: this.lim.maxMessageBytes * 2 + 1024,
      handleProtocols: () => RICH_PROTOCOL,
    });

    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (cause) {
      const inUse = (cause as NodeJS.ErrnoException).code === 'EADDRINUSE';
      const message = inUse
        ? `port ${port} is already in use on ${host}; choose another port (for example ${port === 7681 ? 7682 : 7681})`
        : `cannot listen on ${host}:${port}: ${(cause as Error).message}`;
      this.error = { code: inUse ? 'port-in-use' : 'listen-failed', message };
      this.emit('status', this.status());
      throw new RoomListenError(inUse ? 'port-in-use' : 'listen-failed', port, message, { cause });
    }
    server.on('error', (err) => this.emit('warning', `server error: ${err.message}`));
    const address = server.address();
    this.server = server;
    this.boundHost = host;
    this.boundPort = typeof address === 'object' && address !== null ? address.port : port;
    this.closing = false;
    this.error = null;
    if (this.lim.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.beat(), this.lim.heartbeatMs);
      this.heartbeat.unref();
    }
    this.emit('status', this.status());
    return { host, port: this.boundPort };
  }

  /** Closes every client (1001) and the server. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.closing = true;
    this.flush();
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (this.helloTimer !== null) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    this.awaitingHello.clear();
    if (this.clientsEventTimer !== null) clearTimeout(this.clientsEventTimer);
    this.clientsEventTimer = null;
    for (const member of this.members.values()) {
      if (member.graceTimer !== null) clearTimeout(member.graceTimer);
      member.graceTimer = null;
    }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const conn of this.connections) this.end(conn, 'shutdown', CloseCode.goingAway, 'the room is closing');
    // A client that does not answer the closing handshake promptly is cut off.
    const cutoff = setTimeout(() => {
      for (const conn of this.connections) conn.ws.terminate();
    }, 1000);
    await closed;
    clearTimeout(cutoff);
    this.server = null;
    this.rawServer?.close();
    this.richServer?.close();
    this.members.clear();
    this.participantItems = null;
    this.sessions.clear();
    this.names.clear();
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
    return this.accept(this.host, clean, undefined, null);
  }

  /** Everyone in the room except the host, including rich participants waiting to resume. */
  clients(): ClientInfo[] {
    const list: ClientInfo[] = [];
    for (const m of this.members.values()) {
      list.push({ ...m.participant, address: m.address, protocol: m.protocol, connectedAt: m.connectedAt });
    }
    return list;
  }

  /** Closes the participant's connection with 4002; returns false for an unknown id. */
  kick(id: string): boolean {
    const member = this.members.get(id);
    if (member === undefined) return false;
    if (member.conn !== null) this.end(member.conn, 'kick', CloseCode.kicked, 'removed by the host');
    this.removeMember(member, 'kicked');
    return true;
  }

  status(): RoomStatus {
    return {
      running: this.server !== null,
      bindAddress: this.boundHost,
      port: this.boundPort,
      clientCount: this.members.size,
      lastSeq: this.lastSeq,
      error: this.error,
    };
  }

  /** Recent delivered history, oldest first (at most `historySize` messages). */
  history(): ChatMessage[] {
    return this.ring.slice(-this.historySize);
  }

  joinUrls(): JoinUrl[] {
    if (this.server === null) return [];
    return joinUrls(this.boundHost, this.boundPort, this.currentSettings.pin);
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
   * restart. Throws a `TypeError`/`RangeError` for an invalid value and then changes nothing.
   */
  updateSettings(update: Partial<RoomSettings>): RoomSettings {
    const next = { ...this.currentSettings, ...validateSettingsUpdate(update) };
    const oldHostName = this.host.name;
    this.currentSettings = next;
    if (next.hostName !== oldHostName) {
      // Nobody may hold the host's name: a guest who has it now gets a suffix.
      const holder = this.names.get(next.hostName.toLowerCase());
      this.host = { ...this.host, name: next.hostName };
      this.participantItems = null;
      if (holder !== undefined) this.renameMember(holder, holder.participant.name);
      this.presence({ type: 'rename', ts: Date.now(), afterSeq: this.lastSeq, participant: this.host, oldName: oldHostName });
    }
    this.emit('settings', this.settings());
    return this.settings();
  }

  /**
   * Empties the in-memory history and the stored log and tells every rich client (`history-cleared`);
   * sequence numbers continue.
   */
  clearHistory(): void {
    // What was accepted before the clear is delivered (and stored) first, so it is cleared too.
    this.flush();
    this.ring = [];
    try {
      this.historyLog?.clear();
    } catch (err) {
      this.storageFailed(err);
    }
    this.broadcastRich({ type: 'history-cleared', lastSeq: this.lastSeq });
    this.emit('history-cleared');
  }

  // ---- handshake ----------------------------------------------------------------------------------

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Before anything else: an error on a socket without a listener would crash the process.
    socket.on('error', destroySocket);
    if (this.closing || this.rawServer === null || this.richServer === null) {
      return refuseUpgrade(socket, 503, 'The room is closing.');
    }
    const hostHeader = req.headers.host ?? '';
    if (!isAllowedHost(hostHeader)) {
      return refuseUpgrade(socket, 403, 'Host not allowed: connect by IP address, localhost or this computer\'s name.');
    }
    const origin = req.headers.origin;
    if (!isAllowedOrigin(origin, hostHeader)) {
      return refuseUpgrade(socket, 403, 'Origin not allowed: only the room\'s own page may connect from a browser.');
    }
    const protocol = chooseProtocol(req.headers['sec-websocket-protocol']);
    if (protocol === null) {
      return refuseUpgrade(socket, 400, `Unsupported subprotocol: offer "${RAW_PROTOCOL}" or "${RICH_PROTOCOL}".`);
    }
    if (this.connections.size >= this.lim.maxClients) {
      return refuseUpgrade(socket, 503, `The room is full (${this.lim.maxClients} connections).`);
    }
    // Node hands 'upgrade' a net.Socket; the Duplex type is only the common denominator.
    const address = (socket as Socket).remoteAddress ?? '';
    if ((this.perIp.get(address) ?? 0) >= this.lim.maxConnectionsPerIp) {
      return refuseUpgrade(socket, 429, `Too many connections from ${address} (limit ${this.lim.maxConnectionsPerIp}).`);
    }
    const urlPin = pinFromUrl(req);
    const pin = this.currentSettings.pin;
    if (protocol === RAW_PROTOCOL && pin !== null) {
      const wait = this.pinGuard.lockedFor(address);
      if (wait > 0) {
        return refuseUpgrade(socket, 429, `Too many wrong PINs from ${address}: wait ${Math.ceil(wait / 1000)} s and try again.`);
      }
      if (urlPin === null || urlPin === '') {
        return refuseUpgrade(socket, 401, 'This room has a PIN: add ?pin=<PIN> to the address.');
      }
      if (!pinMatches(urlPin, pin)) {
        this.pinGuard.failed(address);
        return refuseUpgrade(socket, 401, 'Wrong PIN in ?pin=.');
      }
      this.pinGuard.succeeded(address);
    }
    const wss = protocol === RAW_PROTOCOL ? this.rawServer : this.richServer;
    // With no verifyClient, ws completes the handshake synchronously, so the counts above stay exact.
    wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, socket, protocol, address, urlPin));
  }

  private onConnection(ws: RoomSocket, socket: Duplex, protocol: Subprotocol, address: string, urlPin: string | null): void {
    const conn = new Connection(this, ws, socket, protocol, address, urlPin, this.lim.rateBurst);
    ws.conn = conn;
    this.connections.add(conn);
    this.perIp.set(address, (this.perIp.get(address) ?? 0) + 1);
    ws.on('error', ignore); // ws closes the connection itself after a protocol error (1002/1007/1008/1009); 'close' follows.
    ws.on('pong', Room.onSocketPong);
    ws.on('message', Room.onSocketMessage);
    ws.on('close', Room.onSocketClose);

    if (protocol === RAW_PROTOCOL) {
      const participant = this.newParticipant('', 'raw');
      this.addMember(conn, participant, null);
      this.rawTargets.add(conn);
    } else {
      conn.helloDeadline = performance.now() + this.lim.helloTimeoutMs;
      this.awaitingHello.add(conn);
      if (this.helloTimer === null) this.helloTimer = setTimeout(this.endSilent, this.lim.helloTimeoutMs);
    }
  }

  // Listeners shared by every socket; `this` is the socket.
  private static onSocketPong(this: WebSocket): void {
    (this as RoomSocket).conn!.alive = true;
  }

  private static onSocketMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    const conn = (this as RoomSocket).conn!;
    conn.room.onFrame(conn, data as Buffer, isBinary);
  }

  private static onSocketClose(this: WebSocket, code: number): void {
    const conn = (this as RoomSocket).conn!;
    conn.room.onClose(conn, code);
  }

  /** Ends the rich connections whose `hello` is overdue, then waits for the next deadline. */
  private readonly endSilent = (): void => {
    this.helloTimer = null;
    const now = performance.now();
    for (const conn of this.awaitingHello) {
      if (conn.helloDeadline > now) {
        this.helloTimer = setTimeout(this.endSilent, Math.ceil(conn.helloDeadline - now));
        return;
      }
      this.awaitingHello.delete(conn);
      this.end(conn, 'timeout', CloseCode.policyViolation, 'no hello received');
    }
  };

  // ---- incoming frames and the rate limit ---------------------------------------------------------

  private onFrame(conn: Connection, data: Buffer, isBinary: boolean): void {
    conn.alive = true;
    if (conn.endedBy !== null) return;
    if (isBinary) {
      this.end(conn, 'error', CloseCode.unsupportedData, 'binary frames are not supported; send text');
      return;
    }
    if (conn.queue === null && this.takeToken(conn)) {
      this.handleFrame(conn, data);
      return;
    }
    // Over the rate: hold what was already read and stop reading until tokens come back.
    const queue = (conn.queue ??= []);
    queue.push(data);
    if (queue.length > this.lim.maxQueuedMessages) {
      this.end(conn, 'error', CloseCode.policyViolation, 'message rate limit exceeded');
      return;
    }
    if (!conn.paused) {
      conn.paused = true;
      conn.ws.pause();
      const now = performance.now();
      if (conn.member !== null && conn.protocol === RICH_PROTOCOL && now - conn.rateNoticeAt >= RATE_NOTICE_MS) {
        conn.rateNoticeAt = now;
        this.sendError(conn, 'rate-limited', `Slow down: at most ${this.lim.ratePerSecond} messages per second. Nothing was lost.`);
      }
      this.scheduleDrain(conn);
    }
  }

  private takeToken(conn: Connection): boolean {
    const now = performance.now();
    const { rateBurst, ratePerSecond } = this.lim;
    conn.tokens = Math.min(rateBurst, conn.tokens + ((now - conn.refilledAt) * ratePerSecond) / 1000);
    conn.refilledAt = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  }

  private scheduleDrain(conn: Connection): void {
    const wait = Math.ceil(((1 - conn.tokens) * 1000) / this.lim.ratePerSecond);
    conn.drainTimer = setTimeout(() => this.drain(conn), Math.max(1, wait));
  }

  private drain(conn: Connection): void {
    conn.drainTimer = null;
    const queue = conn.queue ?? [];
    while (queue.length > 0 && this.takeToken(conn)) {
      this.handleFrame(conn, queue.shift()!);
      if (conn.endedBy !== null) return;
    }
    if (queue.length > 0) {
      this.scheduleDrain(conn);
      return;
    }
    conn.queue = null;
    conn.paused = false;
    conn.ws.resume();
  }

  private handleFrame(conn: Connection, data: Buffer): void {
    if (conn.protocol === RAW_PROTOCOL) {
      // Raw clients get the sender's exact bytes; the text others see is cleaned.
      const text = sanitizeText(data.toString('utf8'));
      // The original relays an empty frame, so raw clients still get a blank one; it is no chat message.
      if (isBlank(text)) this.relayRaw(data);
      else this.accept(conn.member!.participant, text, undefined, data);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data.toString('utf8'));
    } catch {
      this.sendError(conn, 'bad-request', 'Frames must be JSON objects.');
      return;
    }
    if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') {
      this.sendError(conn, 'bad-request', 'Frames must be JSON objects with a "type".');
      return;
    }
    this.handleRich(conn, message as ClientMessage);
  }

  private handleRich(conn: Connection, message: ClientMessage): void {
    const member = conn.member;
    if (member === null) {
      if (message.type === 'hello') this.hello(conn, message);
      else this.sendError(conn, 'bad-request', 'Send "hello" first.');
      return;
    }
    switch (message.type) {
      case 'chat':
        return this.richChat(conn, member, message.text, message.clientMsgId);
      case 'typing':
        return this.typing(conn, member, message.typing);
      case 'rename':
        return this.rename(conn, member, message.name);
      case 'hello':
        return this.sendError(conn, 'bad-request', 'Already joined.');
      default:
        return this.sendError(conn, 'bad-request', `Unknown message type "${String((message as { type: unknown }).type)}".`);
    }
  }

  private hello(conn: Connection, hello: HelloMessage): void {
    if (hello.v !== PROTOCOL_VERSION) {
      this.sendError(conn, 'bad-request', `Unsupported protocol version; this room speaks ${PROTOCOL_VERSION}.`);
      this.end(conn, 'error', CloseCode.protocolError, 'unsupported version');
      return;
    }
    if (
      typeof hello.name !== 'string' ||
      (hello.lastSeq !== undefined && !isSeq(hello.lastSeq)) ||
      !isOptionalString(hello.session) ||
      !isOptionalString(hello.pin)
    ) {
      this.sendError(conn, 'bad-request', '"name" must be a string, "lastSeq" a whole number, "session" and "pin" strings.');
      return;
    }
    const resumed = hello.session === undefined ? undefined : this.sessions.get(hello.session);
    const pin = this.currentSettings.pin;
    // A valid session proves the PIN was given before.
    if (pin !== null && resumed === undefined) {
      const given = hello.pin ?? conn.urlPin;
      if (given === null || given === '') {
        this.sendError(conn, 'pin-required', 'This room has a PIN.');
        this.end(conn, 'error', CloseCode.pinRequired, 'PIN required');
        return;
      }
      const wait = this.pinGuard.lockedFor(conn.address);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        this.sendTo(conn, { type: 'error', code: 'pin-locked', message: `Too many wrong PINs: wait ${seconds} s and try again.`, retryAfterMs: wait });
        this.end(conn, 'error', CloseCode.pinWrong, `too many wrong PINs; wait ${seconds} s`);
        return;
      }
      if (!pinMatches(given, pin)) {
        this.pinGuard.failed(conn.address);
        this.sendError(conn, 'pin-wrong', 'Wrong PIN.');
        this.end(conn, 'error', CloseCode.pinWrong, 'wrong PIN');
        return;
      }
      this.pinGuard.succeeded(conn.address);
    }
    conn.helloDeadline = 0;
    this.awaitingHello.delete(conn);

    let member: Member;
    if (resumed !== undefined) {
      member = resumed;
      if (member.graceTimer !== null) clearTimeout(member.graceTimer);
      member.graceTimer = null;
      const old = member.conn;
      if (old !== null) {
        old.member = null;
        this.end(old, 'replaced', CloseCode.replaced, 'resumed on another connection');
      }
      member.conn = conn;
      member.address = conn.address;
      conn.member = member;
      this.scheduleClientsEvent();
    } else {
      const participant = this.newParticipant(hello.name, 'rich');
      member = this.addMember(conn, participant, randomBytes(18).toString('base64url'));
    }
    this.richTargets.add(conn);
    const { history, resumed: continuous } = this.historyFor(hello.lastSeq);
    const welcome: Omit<WelcomeMessage, 'participants'> = {
      type: 'welcome',
      v: PROTOCOL_VERSION,
      you: member.participant,
      session: member.session!,
      room: { name: this.currentSettings.roomName, maxMessageBytes: this.lim.maxMessageBytes },
      history,
      resumed: continuous,
      lastSeq: this.deliveredSeq,
    };
    // The participant list goes out as the bytes kept for every welcome (see `participantList`).
    const json = JSON.stringify(welcome);
    sendParts(conn, [Buffer.from(`${json.slice(0, -1)},"participants":[`), this.participantList().bytes(), WELCOME_END]);
  }

  private richChat(conn: Connection, member: Member, text: unknown, clientMsgId: unknown): void {
    const id = typeof clientMsgId === 'string' && clientMsgId.length <= MAX_CLIENT_MSG_ID ? clientMsgId : undefined;
    if (typeof text !== 'string' || (clientMsgId !== undefined && id === undefined)) {
      this.sendError(conn, 'bad-request', `"text" must be a string and "clientMsgId" a string of at most ${MAX_CLIENT_MSG_ID} characters.`, id);
      return;
    }
    const clean = sanitizeText(text);
    if (isBlank(clean)) {
      this.sendError(conn, 'empty', 'The message is empty.', id);
      return;
    }
    if (Buffer.byteLength(clean) > this.lim.maxMessageBytes) {
      this.sendError(conn, 'too-long', `Messages are limited to ${this.lim.maxMessageBytes} bytes.`, id);
      return;
    }
    member.typing = false;
    this.accept(member.participant, clean, id, null);
  }

  private typing(conn: Connection, member: Member, typing: unknown): void {
    if (typeof typing !== 'boolean') {
      this.sendError(conn, 'bad-request', '"typing" must be true or false.');
      return;
    }
    const now = Date.now();
    if (typing === member.typing && (!typing || now - member.typingRelayedAt < TYPING_RELAY_MS)) return;
    member.typing = typing;
    member.typingRelayedAt = now;
    this.broadcastRich({ type: 'typing', participant: member.participant, typing }, conn);
  }

  private rename(conn: Connection, member: Member, name: unknown): void {
    if (typeof name !== 'string' || sanitizeName(name, this.lim.maxNameLength) === '') {
      this.sendError(conn, 'bad-request', '"name" must be a non-empty string.');
      return;
    }
    this.renameMember(member, name);
  }

  // ---- participants -------------------------------------------------------------------------------

  private newParticipant(wantedName: string, kind: 'raw' | 'rich'): Participant {
    const max = this.lim.maxNameLength;
    const wanted = sanitizeName(wantedName, max) || `Guest ${this.nextGuest++}`;
    return { id: `p${this.nextId++}`, name: this.uniqueName(wanted, null), kind };
  }

  private uniqueName(wanted: string, self: Member | null): string {
    const hostName = this.host.name.toLowerCase();
    return uniqueName(
      wanted,
      (lower) => lower === hostName || (this.names.has(lower) && this.names.get(lower) !== self),
      this.lim.maxNameLength,
    );
  }

  private addMember(conn: Connection, participant: Participant, session: string | null): Member {
    const member: Member = {
      participant,
      conn,
      session,
      address: conn.address,
      protocol: conn.protocol,
      connectedAt: conn.connectedAt,
      graceTimer: null,
      typing: false,
      typingRelayedAt: 0,
    };
    conn.member = member;
    this.members.set(participant.id, member);
    this.names.set(participant.name.toLowerCase(), member);
    if (session !== null) this.sessions.set(session, member);
    this.participantItems?.push(participant);
    this.presence({ type: 'join', ts: Date.now(), afterSeq: this.lastSeq, participant }, conn);
    this.scheduleClientsEvent();
    return member;
  }

  private renameMember(member: Member, wanted: string): void {
    const name = this.uniqueName(sanitizeName(wanted, this.lim.maxNameLength), member);
    const oldName = member.participant.name;
    if (name === oldName) return;
    if (this.names.get(oldName.toLowerCase()) === member) this.names.delete(oldName.toLowerCase());
    // Participants are replaced, never mutated: messages already sent keep the name they were sent under.
    member.participant = { ...member.participant, name };
    this.names.set(name.toLowerCase(), member);
    this.participantItems = null;
    this.presence({ type: 'rename', ts: Date.now(), afterSeq: this.lastSeq, participant: member.participant, oldName });
    this.scheduleClientsEvent();
  }

  private removeMember(member: Member, reason: LeaveReason): void {
    if (this.members.get(member.participant.id) !== member) return;
    if (member.graceTimer !== null) clearTimeout(member.graceTimer);
    member.graceTimer = null;
    this.members.delete(member.participant.id);
    this.participantItems = null;
    const lower = member.participant.name.toLowerCase();
    if (this.names.get(lower) === member) this.names.delete(lower);
    if (member.session !== null) this.sessions.delete(member.session);
    if (member.conn !== null) member.conn.member = null;
    member.conn = null;
    if (this.closing) return;
    this.presence({ type: 'leave', ts: Date.now(), afterSeq: this.lastSeq, participant: member.participant, reason });
    this.scheduleClientsEvent();
  }

  /**
   * Everyone present, the host first, encoded for a welcome's `participants`. Kept between welcomes and
   * extended on each join, so that in a join storm a welcome neither encodes nor copies the whole list
   * again; a leave or a rename drops it, and the next welcome builds it afresh.
   */
  private participantList(): JsonItems {
    return (this.participantItems ??= new JsonItems([this.host, ...Array.from(this.members.values(), (m) => m.participant)]));
  }

  // ---- connection end -----------------------------------------------------------------------------

  /** Closes a connection from our side, remembering why. */
  private end(conn: Connection, why: NonNullable<Connection['endedBy']>, code: number, reason: string): void {
    if (conn.endedBy === null) conn.endedBy = why;
    conn.queue = null;
    if (conn.ws.readyState !== WebSocket.OPEN) {
      conn.ws.terminate();
      return;
    }
    conn.ws.close(code, reason);
    if (conn.paused) {
      // The peer's closing frame can only be read with reads on; what arrives meanwhile is ignored.
      if (conn.drainTimer !== null) clearTimeout(conn.drainTimer);
      conn.drainTimer = null;
      conn.paused = false;
      conn.ws.resume();
    }
  }

  private onClose(conn: Connection, code: number): void {
    this.connections.delete(conn);
    const count = (this.perIp.get(conn.address) ?? 1) - 1;
    if (count === 0) this.perIp.delete(conn.address);
    else this.perIp.set(conn.address, count);
    this.rawTargets.delete(conn);
    this.richTargets.delete(conn);
    this.awaitingHello.delete(conn);
    if (conn.drainTimer !== null) clearTimeout(conn.drainTimer);
    conn.queue = null;
    const member = conn.member;
    conn.member = null;
    if (member === null || member.conn !== conn) return;
    // 1000 (or no code) is a deliberate leave. 1001 is what a browser sends when the page goes away —
    // a closed tab, but also a reload, which comes back within a second or two: a short grace, so a
    // reload is not a leave and a join, and a closed tab still leaves soon. Any other drop (a phone
    // asleep, Wi-Fi lost) gets the full resume grace.
    const clean = code === CloseCode.normal || code === 1005;
    const pageGone = code === CloseCode.goingAway;
    const grace = pageGone ? this.lim.pageGoneGraceMs : this.lim.resumeGraceMs;
    const reason: LeaveReason = pageGone ? 'left' : conn.endedBy === 'error' ? 'error' : 'timeout';
    if (clean || member.session === null || this.closing || grace === 0) {
      this.removeMember(member, clean ? 'left' : reason);
      return;
    }
    member.conn = null;
    member.graceTimer = setTimeout(() => this.removeMember(member, reason), grace);
    this.scheduleClientsEvent();
  }

  /** Heartbeat: drop every connection that did not answer the previous ping. */
  private beat(): void {
    for (const conn of this.connections) {
      // A connection whose reads we paused cannot have read the pong; it is not dead.
      if (conn.paused) continue;
      if (!conn.alive) {
        conn.endedBy ??= 'timeout';
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      if (conn.open) conn.ws.ping();
    }
  }

  // ---- history ------------------------------------------------------------------------------------

  /**
   * The history a (re)joining client gets: everything after `lastSeq` when the ring still holds it
   * (`resumed: true`), else the recent history. Bounded in bytes so a welcome never trips the
   * buffered cap; cutting it means `resumed: false`.
   */
  private historyFor(lastSeq: number | undefined): { history: ChatMessage[]; resumed: boolean } {
    const ring = this.ring;
    let start = 0;
    let resumed = false;
    if (lastSeq !== undefined && lastSeq <= this.deliveredSeq) {
      if (lastSeq === this.deliveredSeq) return { history: [], resumed: true };
      const first = ring[0];
      if (first !== undefined && first.seq <= lastSeq + 1) {
        resumed = true;
        while (start < ring.length && ring[start]!.seq <= lastSeq) start++;
      }
    }
    if (!resumed) start = Math.max(0, ring.length - this.historySize);
    let budget = this.lim.maxBufferedBytesPerClient * WELCOME_HISTORY_SHARE;
    let cut = ring.length;
    while (cut > start) {
      const m = ring[cut - 1]!;
      budget -= 160 + m.text.length * 3 + m.from.name.length * 3;
      if (budget < 0) break;
      cut--;
    }
    return { history: ring.slice(cut), resumed: resumed && cut === start };
  }

  // ---- broadcast: batching, storage, fan-out ------------------------------------------------------

  /** Numbers a chat message and queues it for this tick's flush. */
  private accept(from: Participant, text: string, clientMsgId: string | undefined, rawBytes: Buffer | null): ChatMessage {
    const message: ChatMessage = { seq: ++this.lastSeq, ts: Date.now(), from, text };
    if (clientMsgId !== undefined) message.clientMsgId = clientMsgId;
    this.pendingChats.push(message);
    // Framed for both forms even with nobody of one form present yet: a client that joins later in
    // this tick is welcomed up to `deliveredSeq` and gets the rest from this very batch.
    this.rawBatch.add(rawBytes ?? Buffer.from(`${from.name}: ${text}`));
    this.richBatch.add(Buffer.from(JSON.stringify({ type: 'chat', ...message })));
    this.scheduleFlush();
    return message;
  }

  /** Raw clients only, in order with the chat around it: not numbered, stored or shown to anyone else. */
  private relayRaw(bytes: Buffer): void {
    this.rawBatch.add(bytes);
    this.scheduleFlush();
  }

  private presence(event: PresenceEvent, except?: Connection): void {
    this.emit('presence', event);
    this.broadcastRich(event, except);
  }

  /** To every rich client (but `except`), encoded once; goes out with the next flush, at most `PRESENCE_INTERVAL_MS` away. */
  private broadcastRich(message: ServerMessage, except?: Connection): void {
    if (this.richTargets.size === 0) return;
    this.richBatch.add(Buffer.from(JSON.stringify(message)), except);
    this.schedulePresenceFlush();
  }

  /** Flushes on the next turn of the event loop. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(this.flush);
  }

  /** Flushes on the next turn if the last flush was long enough ago, else when it will have been. */
  private schedulePresenceFlush(): void {
    if (this.flushScheduled || this.flushTimer !== null) return;
    const wait = this.lastFlushAt + PRESENCE_INTERVAL_MS - performance.now();
    if (wait <= 0) this.scheduleFlush();
    else this.flushTimer = setTimeout(this.flush, Math.ceil(wait));
  }

  /**
   * Delivers this tick's batch: stored first (one synchronous group-commit append, so nothing a client
   * ever received can be missing from the log), then written once per form to every client.
   */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.lastFlushAt = performance.now();
    const chats = this.pendingChats;
    const rawBatch = this.rawBatch;
    const richBatch = this.richBatch;
    this.pendingChats = [];
    this.rawBatch = new FrameBatch();
    this.richBatch = new FrameBatch();

    if (chats.length > 0) {
      if (this.historyLog !== null && this.currentSettings.saveHistory) {
        try {
          this.historyLog.appendSync(chats);
          if (this.error?.code === 'storage') {
            this.error = null;
            this.emit('status', this.status());
          }
        } catch (err) {
          this.storageFailed(err);
        }
      }
      for (const m of chats) this.ring.push(m);
      if (this.ring.length >= this.historySize * 2) this.ring.splice(0, this.ring.length - this.historySize);
      this.deliveredSeq = chats[chats.length - 1]!.seq;
    }

    const cap = this.lim.maxBufferedBytesPerClient;
    const overflow = (conn: Connection) => {
      conn.endedBy ??= 'error';
      conn.ws.terminate();
    };
    rawBatch.deliver(this.rawTargets, cap, overflow);
    richBatch.deliver(this.richTargets, cap, overflow);
    for (const m of chats) this.emit('chat', m);
  };

  private storageFailed(err: unknown): void {
    const first = this.error?.code !== 'storage';
    this.error = { code: 'storage', message: `Saving history failed: ${(err as Error).message}. Chat continues in memory.` };
    if (first) {
      this.emit('warning', this.error.message);
      this.emit('status', this.status());
    }
  }

  // ---- direct sends -------------------------------------------------------------------------------

  private sendTo(conn: Connection, message: ServerMessage): void {
    if (conn.open) conn.ws.send(JSON.stringify(message));
  }

  private sendError(conn: Connection, code: ErrorCode, message: string, clientMsgId?: string): void {
    const error: ErrorMessage = { type: 'error', code, message };
    if (clientMsgId !== undefined) error.clientMsgId = clientMsgId;
    this.sendTo(conn, error);
  }

  /** Emits 'clients' and 'status' soon: at once after a quiet spell, else once per interval. */
  private scheduleClientsEvent(): void {
    if (this.clientsEventTimer !== null) return;
    const wait = this.lastClientsEventAt + CLIENTS_EVENT_INTERVAL_MS - performance.now();
    this.clientsEventTimer = setTimeout(this.emitClients, Math.max(0, Math.ceil(wait)));
  }

  private readonly emitClients = (): void => {
    this.clientsEventTimer = null;
    this.lastClientsEventAt = performance.now();
    // The list is built only for someone who listens.
    if (this.listenerCount('clients') > 0) this.emit('clients', this.clients());
    if (this.listenerCount('status') > 0) this.emit('status', this.status());
  };
}

/** For sockets before `ws` owns them: an error without a listener would crash the process. */
function destroySocket(this: Duplex): void {
  this.destroy();
}

function ignore(): void {}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

function pinMatches(given: string, pin: string): boolean {
  // Compare digests in constant time, so the answer's timing says nothing about the PIN.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(pin).digest();
  return timingSafeEqual(a, b);
}

