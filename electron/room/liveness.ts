// Dropping connections that are not there any more: the heartbeat ends a socket that did not answer
// the previous ping, and a rich client that has not said `hello` in time is closed with 1008. One
// interval and one timer for the whole room, not one per connection.
import type { Limits } from '../../common/limits.js';
import { CloseCode } from '../../common/protocol.js';
import type { Connection } from './connection.js';

export class Liveness {
  private heartbeat: NodeJS.Timeout | null = null;
  /** Rich connections that have not sent `hello` yet, oldest first, and the one timer that ends them. */
  private readonly awaitingHello = new Set<Connection>();
  private helloTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connections: Iterable<Connection>,
    private readonly limits: Pick<Limits, 'heartbeatMs' | 'helloTimeoutMs'>,
  ) {}

  /** Starts the heartbeat (unless `heartbeatMs` is 0). */
  start(): void {
    if (this.limits.heartbeatMs <= 0 || this.heartbeat !== null) return;
    this.heartbeat = setInterval(() => this.beat(), this.limits.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Stops the heartbeat and forgets every pending hello (the room is closing). */
  stop(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (this.helloTimer !== null) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    this.awaitingHello.clear();
  }

  /** `conn` must say `hello` within `helloTimeoutMs` from now. */
  expectHello(conn: Connection): void {
    conn.helloDeadline = performance.now() + this.limits.helloTimeoutMs;
    this.awaitingHello.add(conn);
    if (this.helloTimer === null) this.helloTimer = setTimeout(this.endSilent, this.limits.helloTimeoutMs);
  }

  /** `conn` said `hello`, or is gone: its deadline no longer applies. */
  clearHelloDeadline(conn: Connection): void {
    conn.helloDeadline = 0;
    this.awaitingHello.delete(conn);
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
      conn.end('timeout', CloseCode.policyViolation, 'no hello received');
    }
  };

  /** Drops every connection that did not answer the previous ping, and pings the rest. */
  private beat(): void {
    for (const conn of this.connections) {
      // A connection whose reads we paused cannot have read the pong; it is not dead.
      if (conn.paused) continue;
      if (!conn.alive) {
        conn.terminate('timeout');
        continue;
      }
      conn.alive = false;
      if (conn.open) conn.ws.ping();
    }
  }
}
