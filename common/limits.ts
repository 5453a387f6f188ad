// Every limit the room enforces, with its default, documented once here (docs/protocol.md has the
// table with close codes). Each one is configurable through `RoomOptions.limits`.

export interface Limits {
  /** Largest chat message in UTF-8 bytes. A raw frame over it closes with 1009; rich text over it gets `too-long`. */
  maxMessageBytes: number;
  /** WebSocket connections the room accepts at once (of either protocol); the next handshake gets HTTP 503. */
  maxConnections: number;
  /** Connections from one sender (an IPv4 address, or an IPv6 /64) at once; the next handshake gets HTTP 429. */
  maxConnectionsPerIp: number;
  /** Messages a connection may send at once before the rate applies (token bucket size). */
  rateBurst: number;
  /** Messages per second a connection may send sustained (token bucket refill). Past it, reads pause. */
  ratePerSecond: number;
  /**
   * All connections of one sender (an IPv4 address, or an IPv6 /64) together may send this many times
   * `rateBurst` at once and `ratePerSecond` sustained: a phone and a laptop behind one address chat
   * freely, fifty connections from one address do not send fifty times as much, and reconnecting
   * refills nothing. Past it, reads pause as for one connection.
   */
  senderRateMultiple: number;
  /**
   * Bytes one sender may send at once before `senderBytesPerSecond` applies; each message counts its
   * bytes plus 128 for what storing it costs. With `senderBytesPerSecond` it bounds how fast one sender
   * can fill the history log (docs/storage.md). Past it, reads pause.
   */
  senderBurstBytes: number;
  /**
   * Bytes per second one sender may send sustained, once `senderBurstBytes` is spent. The default keeps
   * the promised 100 messages/s sustained for lines of up to about 500 bytes (bots, scripts) while a
   * flood of large messages is slowed to what the log can take (docs/storage.md).
   */
  senderBytesPerSecond: number;
  /** Messages parsed while a connection's reads are paused that the room holds for it; over it closes with 1008. */
  maxQueuedMessages: number;
  /** Fragments in one message (ws `maxFragments`); over it closes with 1008. */
  maxFragments: number;
  /** Data chunks buffered for one message (ws `maxBufferedChunks`); over it closes with 1008. */
  maxBufferedChunks: number;
  /** Bytes waiting to be written to one client; over it the client is dropped (a rich client may resume). */
  maxBufferedBytesPerClient: number;
  /** Interval between pings; a client that has not answered the previous ping is dropped. 0 turns it off. */
  heartbeatMs: number;
  /** Time a client has to send its HTTP request headers (Node `server.headersTimeout`). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole HTTP request (uploads excepted: see `uploadStallMs`). */
  requestTimeoutMs: number;
  /** Time a rich client has to send `hello` after the handshake; then it is closed with 1008. */
  helloTimeoutMs: number;
  /** How long a rich participant whose connection dropped stays in the room unseen, waiting to resume (a blip). */
  resumeGraceMs: number;
  /**
   * After the resume grace, how long the participant then stays in the room shown as away (resume
   * still works, and says `back`) before they leave. 0: they leave when the grace ends.
   */
  awayMs: number;
  /** The same for a page that went away (close 1001: a reload or a closed tab); kept short so a closed tab leaves soon. */
  pageGoneGraceMs: number;
  /** Longest display name, in characters (code points). */
  maxNameLength: number;
  /**
   * Wrong PINs one sender (an IPv4 address, or an IPv6 /64) may give within `pinLockoutMs` (raw `?pin=`
   * or rich `hello.pin`). The one that reaches it locks the sender out of PIN attempts for
   * `pinLockoutMs`: raw handshakes get HTTP 429, rich hellos `error pin-locked` and close 4003.
   */
  maxPinFailures: number;
  /**
   * Wrong PINs the room takes within `pinLockoutMs` from all senders together. Past it every PIN is
   * refused until the oldest of them is `pinLockoutMs` old: raw handshakes get HTTP 429, rich hellos
   * `error pin-rate-limited` and close 4003. This is what bounds guessing by many addresses at once.
   */
  maxRoomPinFailures: number;
  /** The window wrong PINs are counted in, and how long a lockout lasts. */
  pinLockoutMs: number;
  /**
   * An upload's bytes must keep coming: over each span of this length at least
   * `minUploadBytesPerSecond` a second on average, else the request ends with 408 (what arrived is
   * kept for a resume). Uploads are exempt from `requestTimeoutMs`; this is their slowloris guard.
   */
  uploadStallMs: number;
  minUploadBytesPerSecond: number;
  /** An upload untouched this long (never finished, or finished and never sent) is dropped with its bytes. */
  uploadExpiryMs: number;
  /** Largest preview a sender may store next to a picture. */
  maxPreviewBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxMessageBytes: 16 * 1024,
  maxConnections: 1000,
  maxConnectionsPerIp: 50,
  rateBurst: 200,
  ratePerSecond: 100,
  senderRateMultiple: 2,
  senderBurstBytes: 8 * 1024 * 1024,
  senderBytesPerSecond: 64 * 1024,
  maxQueuedMessages: 1000,
  maxFragments: 64,
  maxBufferedChunks: 256,
  maxBufferedBytesPerClient: 1024 * 1024,
  heartbeatMs: 15_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  helloTimeoutMs: 10_000,
  resumeGraceMs: 20_000,
  awayMs: 10 * 60_000,
  pageGoneGraceMs: 5_000,
  maxNameLength: 32,
  maxPinFailures: 5,
  maxRoomPinFailures: 100,
  pinLockoutMs: 60_000,
  uploadStallMs: 20_000,
  minUploadBytesPerSecond: 1024,
  uploadExpiryMs: 60 * 60_000,
  maxPreviewBytes: 256 * 1024,
});

/** Limits that may be 0 (meaning "off"); every other limit must be at least 1. */
const MAY_BE_ZERO: ReadonlySet<keyof Limits> = new Set(['heartbeatMs', 'resumeGraceMs', 'awayMs', 'pageGoneGraceMs']);

/**
 * Merges overrides into the defaults. Throws a `RangeError` naming the limit for an unknown name or a
 * value that is not a finite whole number in range, so a typo in a config never passes silently.
 */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(DEFAULT_LIMITS, key)) throw new RangeError(`unknown limit "${key}"`);
    const name = key as keyof Limits;
    const min = MAY_BE_ZERO.has(name) ? 0 : 1;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      throw new RangeError(`limit "${key}" must be a whole number >= ${min} (got ${String(value)})`);
    }
    limits[name] = value;
  }
  if (limits.requestTimeoutMs < limits.headersTimeoutMs) {
    throw new RangeError('limit "requestTimeoutMs" must not be shorter than "headersTimeoutMs"');
  }
  return limits;
}
