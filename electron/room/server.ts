// The room's one port: a Node HTTP server whose plain requests go to the HTTP router and whose WebSocket
// upgrades go to the room's admission, and one `ws` server per subprotocol that completes the
// handshakes admission lets through. Listening, its errors, and closing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type Server as WsServer } from 'ws';
import type { Limits } from '../../common/limits.js';
import { RAW_PROTOCOL, RICH_PROTOCOL } from '../../common/protocol.js';
import { messageOf } from '../../common/errors.js';
import { RoomSocket } from './connection.js';
import type { Subprotocol } from './handshake.js';

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

export interface RoomServerEvents {
  /** A WebSocket handshake, for admission; the socket already has an 'error' listener. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** A server error after listening started (never fatal). */
  error(error: Error): void;
}

type ServerLimits = Pick<Limits, 'headersTimeoutMs' | 'maxFragments' | 'maxBufferedChunks' | 'maxMessageBytes'>;

export class RoomServer {
  private http: Server | null = null;
  private raw: WsServer<typeof RoomSocket> | null = null;
  private rich: WsServer<typeof RoomSocket> | null = null;
  private boundAddress = '';
  private boundPort = 0;

  constructor(
    private readonly limits: ServerLimits,
    private readonly events: RoomServerEvents,
  ) {}

  get listening(): boolean {
    return this.http !== null;
  }

  /** The address last bound ('' before the first listen). */
  get bindAddress(): string {
    return this.boundAddress;
  }

  /** The port last bound (the real one when 0 was asked for; 0 before the first listen). */
  get port(): number {
    return this.boundPort;
  }

  /**
   * Listens on `bindAddress:port`, plain requests going to `onRequest`. Resolves with the port bound;
   * rejects with a `RoomListenError` (code `port-in-use` or `listen-failed`).
   */
  async listen(bindAddress: string, port: number, onRequest: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
    if (this.http !== null) throw new Error('the room is already listening');
    const { headersTimeoutMs } = this.limits;
    const http = createServer(
      {
        headersTimeout: headersTimeoutMs,
        // Node's request timeout would cut off every upload that takes longer: the HTTP router keeps
        // it instead, for every request but those (http-router.ts).
        requestTimeout: 0,
        // Node checks those timeouts on this interval (default 30 s), so it bounds their precision.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
      },
      onRequest,
    );
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Before anything else: an error on a socket without a listener would crash the process.
      socket.on('error', destroySocket);
      this.events.upgrade(req, socket, head);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, bindAddress, () => {
          http.off('error', reject);
          resolve();
        });
      });
    } catch (cause) {
      const inUse = (cause as NodeJS.ErrnoException).code === 'EADDRINUSE';
      const message = inUse
        ? `port ${port} is already in use on ${bindAddress}; choose another port (for example ${port === 7681 ? 7682 : 7681})`
        : `cannot listen on ${bindAddress}:${port}: ${messageOf(cause)}`;
      throw new RoomListenError(inUse ? 'port-in-use' : 'listen-failed', port, message, { cause });
    }
    http.on('error', (err) => this.events.error(err));
    const common = {
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxFragments: this.limits.maxFragments,
      maxBufferedChunks: this.limits.maxBufferedChunks,
      WebSocket: RoomSocket,
    } as const;
    // Admission has chosen the protocol and hands each handshake to the server of that protocol, so
    // each answers with its own name (ws asks only when the client offered some).
    this.raw = new WebSocketServer({ ...common, maxPayload: this.limits.maxMessageBytes, handleProtocols: () => RAW_PROTOCOL });
    // A rich frame wraps the text in JSON; quotes and backslashes double in size when escaped.
    this.rich = new WebSocketServer({
      ...common,
      maxPayload: this.limits.maxMessageBytes * 2 + 1024,
      handleProtocols: () => RICH_PROTOCOL,
    });
    const address = http.address();
    this.http = http;
    this.boundAddress = bindAddress;
    this.boundPort = typeof address === 'object' && address !== null ? address.port : port;
    return this.boundPort;
  }

  /**
   * Completes an admitted handshake with the `ws` server of `protocol`. With no `verifyClient`, `ws`
   * does so synchronously, so the counts admission checked stay exact.
   */
  accept(protocol: Subprotocol, req: IncomingMessage, socket: Duplex, head: Buffer, done: (ws: RoomSocket) => void): void {
    const wss = protocol === RAW_PROTOCOL ? this.raw : this.rich;
    wss!.handleUpgrade(req, socket, head, done);
  }

  /**
   * Stops accepting connections and ends idle HTTP ones. Resolves once every socket is gone, the
   * WebSocket ones included, so the caller ends those meanwhile.
   */
  async close(): Promise<void> {
    const http = this.http;
    if (http === null) return;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeAllConnections();
    await closed;
    this.http = null;
    this.raw?.close();
    this.rich?.close();
  }
}

/** For sockets before `ws` owns them: an error without a listener would crash the process. */
function destroySocket(this: Duplex): void {
  this.destroy();
}
