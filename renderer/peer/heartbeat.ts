// Telling a dead connection from a quiet one. A phone that loses Wi-Fi often gets no close at all: its
// socket just stops, and the page would go on saying "Connected". Every frame from the room counts as
// a sign of life; after half the room's heartbeat interval without one the page sends `ping` (the room
// answers `pong`), and when the other half passes in silence too, the connection is dead. A busy room
// never needs a ping.

export interface HeartbeatOptions {
  /** Sends a `ping` to the room. */
  ping: () => void;
  /** The connection is dead: nothing came back in time. Called once per `start`. */
  dead: () => void;
  /** Monotonic milliseconds; tests pass their own clock. */
  now?: () => number;
}

export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private halfMs = 0;
  private lastHeard = 0;
  /** When the unanswered ping went out; 0 when none is outstanding. */
  private pingSentAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: HeartbeatOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Watches a connection that has just opened; `heartbeatMs` is the room's (`RoomInfo.heartbeatMs`). */
  start(heartbeatMs: number): void {
    this.stop();
    this.halfMs = heartbeatMs / 2;
    this.heard();
    // Four checks per interval: a dead connection shows within about one and a half intervals.
    this.timer = setInterval(this.check, this.halfMs / 2);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Call for every frame the room sends. */
  heard(): void {
    this.lastHeard = this.now();
    this.pingSentAt = 0;
  }

  private readonly check = (): void => {
    const now = this.now();
    if (this.pingSentAt !== 0) {
      if (now - this.pingSentAt < this.halfMs) return;
      this.stop();
      this.options.dead();
    } else if (now - this.lastHeard >= this.halfMs) {
      this.pingSentAt = now;
      this.options.ping();
    }
  };
}
