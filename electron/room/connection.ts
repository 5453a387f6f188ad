// The room's WebSocket connections: one object per socket, one set of socket listeners shared by all of
// them, the send budgets (send-budget.ts: the connection's own and its sender's) that pause reads past
// the rate instead of dropping messages, and ending a connection from the room's side. What a frame means is left to the connection's protocol
// session (raw-session.ts, rich-session.ts).
import type { Duplex } from 'node:stream';
import { WebSocket, type RawData } from 'ws';
import type { Limits } from '../../common/limits.js';
import { CloseCode, type ServerMessage } from '../../common/protocol.js';
import type { FanoutTarget } from './fanout.js';
import type { Subprotocol } from './handshake.js';
import type { Member } from './roster.js';
import { SendBudgets, type MessageBucket, type SenderBudget, type SendLimits } from './send-budget.js';

/** Why the room ended a connection, so that its 'close' knows what happened. */
export type EndReason = 'kick' | 'moderation' | 'timeout' | 'error' | 'shutdown';

/** What a connection's protocol does: the raw relay or the rich session. */
export interface ProtocolSession {
  /** The handshake is done: the connection may now be spoken to. */
  open(conn: Connection): void;
  /** A text frame the rate limit let through, in the order the client sent it. */
  text(conn: Connection, data: Buffer): void;
  /** The connection sends faster than the rate: its reads were just paused. */
  paused(conn: Connection): void;
}

/**
 * `ws`'s socket class with a slot for its connection, so one set of listeners serves every socket
 * (`this` is the socket) instead of closures per connection.
 */
export class RoomSocket extends WebSocket {
  conn: Connection | null = null;
}

/**
 * One WebSocket connection. A class, not an object literal: an idle room holds a thousand of these, and
 * instances of one class share their shape (a literal with a getter gets a property dictionary each).
 */
export class Connection implements FanoutTarget, MessageBucket {
  readonly connectedAt = Date.now();
  /** Set once the connection is a participant (raw: at once; rich: after `hello`). */
  member: Member<this> | null = null;
  /** Cleared by each heartbeat ping, set again by the pong (not by other frames: a sender may never read). */
  alive = true;
  /** Its own token bucket (send-budget.ts): messages it may send right now, and when that was computed. */
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
  endedBy: EndReason | null = null;

  constructor(
    readonly owner: Connections,
    readonly ws: RoomSocket,
    readonly socket: Duplex,
    readonly protocol: Subprotocol,
    readonly session: ProtocolSession,
    readonly address: string,
    /** Who it counts as for the per-sender limits (address.ts), and the budget it shares with that sender's other connections. */
    readonly sender: string,
    readonly budget: SenderBudget,
    /** PIN from the upgrade URL (`?pin=`), for clients that put it there. */
    readonly urlPin: string | null,
    /** The `Host` header of the handshake: the address the client reached the room by. */
    readonly host: string,
    tokens: number,
  ) {
    this.tokens = tokens;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** One message to this client alone (the broadcasts go through the broadcaster's batches). */
  send(message: ServerMessage): void {
    if (this.writable()) this.ws.send(JSON.stringify(message));
  }

  /**
   * Whether the room may write to this client now. A client holding more than the buffered cap unsent
   * is not reading: it is dropped instead, so no write, direct or broadcast, grows the room's memory.
   */
  writable(): boolean {
    if (!this.open) return false;
    if (this.socket.writableLength <= this.owner.bufferCap) return true;
    this.terminate('error');
    return false;
  }

  /** One line of text to this (raw) client alone: a notice from the room. */
  sendRaw(line: string): void {
    if (this.writable()) this.ws.send(line);
  }

  /** Closes the connection from the room's side, remembering why. */
  end(why: EndReason, code: number, reason: string): void {
    if (this.endedBy === null) this.endedBy = why;
    this.queue = null;
    if (this.ws.readyState !== WebSocket.OPEN) {
      this.ws.terminate();
      return;
    }
    this.ws.close(code, reason);
    if (this.paused) {
      // The peer's closing frame can only be read with reads on; what arrives meanwhile is ignored.
      if (this.drainTimer !== null) clearTimeout(this.drainTimer);
      this.drainTimer = null;
      this.paused = false;
      this.ws.resume();
    }
  }

  /** Drops the connection without a closing handshake (a dead or overflowing peer). */
  terminate(why: EndReason): void {
    this.endedBy ??= why;
    this.ws.terminate();
  }
}

/** Every open connection of a room, counted per sender, with the rate limits on what they send. */
export class Connections implements Iterable<Connection> {
  private readonly all = new Set<Connection>();
  private readonly budgets: SendBudgets;

  /** Bytes a client may have waiting unsent (`maxBufferedBytesPerClient`). */
  readonly bufferCap: number;

  /**
   * @param limits the send budgets (send-budget.ts), `maxQueuedMessages` and the buffered cap
   * @param onClosed told once per connection when its socket has closed, after it left this set
   */
  constructor(
    private readonly limits: SendLimits & Pick<Limits, 'maxQueuedMessages' | 'maxBufferedBytesPerClient'>,
    private readonly onClosed: (conn: Connection, code: number) => void,
  ) {
    this.bufferCap = limits.maxBufferedBytesPerClient;
    this.budgets = new SendBudgets(limits);
  }

  get size(): number {
    return this.all.size;
  }

  /** Open connections from `sender` (an address group, address.ts). */
  from(sender: string): number {
    return this.budgets.connectionsOf(sender);
  }

  [Symbol.iterator](): Iterator<Connection> {
    return this.all.values();
  }

  /** Takes a socket `ws` has just completed the handshake of; `session` will get its frames. */
  add(
    ws: RoomSocket,
    socket: Duplex,
    protocol: Subprotocol,
    session: ProtocolSession,
    from: { address: string; sender: string; urlPin: string | null; host: string },
  ): Connection {
    const budget = this.budgets.opened(from.sender);
    const conn = new Connection(
      this,
      ws,
      socket,
      protocol,
      session,
      from.address,
      from.sender,
      budget,
      from.urlPin,
      from.host,
      this.limits.rateBurst,
    );
    ws.conn = conn;
    this.all.add(conn);
    ws.on('error', ignore); // ws closes the connection itself after a protocol error (1002/1007/1008/1009); 'close' follows.
    ws.on('pong', Connections.onSocketPong);
    ws.on('message', Connections.onSocketMessage);
    ws.on('close', Connections.onSocketClose);
    return conn;
  }

  /**
   * Ends every connection with 1001 and waits for `serverClosed`; a client that does not answer the
   * closing handshake within a second is cut off.
   */
  async endAll(serverClosed: Promise<void>): Promise<void> {
    for (const conn of this.all) conn.end('shutdown', CloseCode.goingAway, 'the room is closing');
    const cutoff = setTimeout(() => {
      for (const conn of this.all) conn.ws.terminate();
    }, 1000);
    await serverClosed;
    clearTimeout(cutoff);
  }

  // Listeners shared by every socket; `this` is the socket.
  private static onSocketPong(this: WebSocket): void {
    (this as RoomSocket).conn!.alive = true;
  }

  private static onSocketMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    const conn = (this as RoomSocket).conn!;
    conn.owner.receive(conn, data as Buffer, isBinary);
  }

  private static onSocketClose(this: WebSocket, code: number): void {
    const conn = (this as RoomSocket).conn!;
    conn.owner.closed(conn, code);
  }

  private receive(conn: Connection, data: Buffer, isBinary: boolean): void {
    // Only a pong proves the client reads (liveness.ts): one that sends but never reads is dropped.
    if (conn.endedBy !== null) return;
    if (isBinary) {
      conn.end('error', CloseCode.unsupportedData, 'binary frames are not supported; send text');
      return;
    }
    if (conn.queue === null && this.budgets.take(conn, conn.budget, data.length)) {
      conn.session.text(conn, data);
      return;
    }
    // Over the rate: hold what was already read and stop reading until tokens come back.
    const queue = (conn.queue ??= []);
    queue.push(data);
    if (queue.length > this.limits.maxQueuedMessages) {
      conn.end('error', CloseCode.policyViolation, 'message rate limit exceeded');
      return;
    }
    if (!conn.paused) {
      conn.paused = true;
      conn.ws.pause();
      conn.session.paused(conn);
      this.scheduleDrain(conn);
    }
  }

  private scheduleDrain(conn: Connection): void {
    conn.drainTimer = setTimeout(() => this.drain(conn), this.budgets.waitMs(conn, conn.budget));
  }

  private drain(conn: Connection): void {
    conn.drainTimer = null;
    const queue = conn.queue ?? [];
    while (queue.length > 0 && this.budgets.take(conn, conn.budget, queue[0]!.length)) {
      conn.session.text(conn, queue.shift()!);
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

  private closed(conn: Connection, code: number): void {
    this.all.delete(conn);
    this.budgets.closed(conn.sender, conn.budget);
    if (conn.drainTimer !== null) clearTimeout(conn.drainTimer);
    conn.queue = null;
    this.onClosed(conn, code);
  }
}

function ignore(): void {}
