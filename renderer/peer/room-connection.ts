// The page's socket to the room and the loop that makes the next one: each new socket says hello as it
// opens and must be welcomed within CONNECT_TIMEOUT_MS; once welcomed, the heartbeat (heartbeat.ts)
// watches it; after a drop, the next attempt waits out a backoff (backoff.ts) that never gives up.
// What the frames and close codes mean is the room client's (room-client.ts) to decide.
import { CloseCode, RICH_PROTOCOL, type ClientMessage, type HelloMessage } from '../../common/protocol.js';
import { backoffDelay } from './backoff.js';
import { Heartbeat } from './heartbeat.js';

/**
 * The part of a WebSocket the client uses. The browser's WebSocket has it, and so has the `ws`
 * package's, which lets the client run in Node against a real room.
 */
export interface RoomSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}

/** `readyState` of an open socket (`WebSocket.OPEN`), the same in every implementation. */
const OPEN = 1;
/** A connection that opens but gets no welcome within this time is abandoned and retried. */
const CONNECT_TIMEOUT_MS = 10_000;
/** The close code reported for a connection the page dropped itself (`drop`): abnormal closure. */
const DROPPED = 1006;

export interface RoomConnectionOptions {
  /** WebSocket URL of the room. */
  url: string;
  /** Makes the connection: the browser's `WebSocket` in the page. */
  WebSocket: new (url: string, protocol: string) => RoomSocket;
  /** The hello each new socket sends as it opens. */
  hello(): HelloMessage;
  /** Each frame the current socket receives. */
  frame(data: unknown): void;
  /** The current socket closed with `code` (1006 when the page dropped it as dead). */
  closed(code: number): void;
}

export class RoomConnection {
  private socket: RoomSocket | null = null;
  /** Attempts since the last welcome (or the person's own step), for the backoff. */
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly heartbeat = new Heartbeat({ ping: () => this.write({ type: 'ping' }), dead: () => this.drop() });

  constructor(private readonly options: RoomConnectionOptions) {}

  /** Opens a socket in place of any other; false when none could even be made (retry later). */
  open(): boolean {
    this.close();
    let socket: RoomSocket;
    try {
      socket = new this.options.WebSocket(this.options.url, RICH_PROTOCOL);
    } catch {
      return false;
    }
    this.socket = socket;
    this.connectTimer = setTimeout(() => socket.close(), CONNECT_TIMEOUT_MS);
    // A socket that was replaced or closed by `close` has nothing more to say.
    const current = () => this.socket === socket;
    socket.addEventListener('open', () => {
      if (current()) this.write(this.options.hello());
    });
    socket.addEventListener('message', (event) => {
      if (!current()) return;
      this.heartbeat.heard();
      this.options.frame(event.data);
    });
    // A failed connection also closes, and the close handler decides what next. (Listening keeps the
    // `ws` package from throwing the error, as it does with errors nobody listens to.)
    socket.addEventListener('error', () => {});
    socket.addEventListener('close', (event) => {
      if (!current()) return;
      this.socket = null;
      clearTimeout(this.connectTimer);
      this.heartbeat.stop();
      this.options.closed(event.code);
    });
    return true;
  }

  /** The room welcomed this socket: it works, so the backoff starts over and the heartbeat watches it. */
  welcomed(heartbeatMs: number): void {
    clearTimeout(this.connectTimer);
    this.attempt = 0;
    this.heartbeat.start(heartbeatMs);
  }

  /** The person's own step (join, rejoin): the next retry waits the shortest time again. */
  resetBackoff(): void {
    this.attempt = 0;
  }

  /** Calls `retry` after the next backoff delay; returns when that is (epoch ms). */
  retryLater(retry: () => void): number {
    const delay = backoffDelay(this.attempt++);
    this.retryTimer = setTimeout(retry, delay);
    return Date.now() + delay;
  }

  /** The connection died without a word (or the device went offline): drops it and reports it closed. */
  drop(): void {
    // Not a clean close, which would be leaving: the room keeps this person's place for the resume.
    this.close(CloseCode.reconnecting);
    this.options.closed(DROPPED);
  }

  /** Closes the socket with `code` and cancels a pending retry; nothing more is reported from it. */
  close(code?: number): void {
    this.heartbeat.stop();
    clearTimeout(this.retryTimer);
    clearTimeout(this.connectTimer);
    const old = this.socket;
    this.socket = null;
    old?.close(code);
  }

  /** Sends a frame; false when no socket is open. */
  write(message: ClientMessage): boolean {
    if (this.socket?.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }
}
