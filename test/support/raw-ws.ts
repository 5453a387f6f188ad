// WebSocket spoken by hand over a plain TCP socket, for hostile-input tests. A real client library
// refuses to send a wrong key, a reserved opcode, an unmasked frame or a lying length; this toolkit sends
// exactly the bytes a test asks for and reads back what the server answers: an HTTP status, frames, the
// close code, or a dropped socket.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** What goes into an upgrade request. `null` leaves a header out; a string replaces the sane default. */
export interface HandshakeOptions {
  /** Default `127.0.0.1:<port>`. */
  host?: string | null;
  path?: string;
  method?: string;
  /** Default: a fresh random 16-byte key, base64. */
  key?: string | null;
  /** Default `13`. */
  version?: string | null;
  /** Default `lws-minimal`. */
  protocol?: string | null;
  /** Default: no Origin header (a non-browser client). */
  origin?: string | null;
  /** Default `websocket`. */
  upgrade?: string | null;
  /** Default `Upgrade`. */
  connection?: string | null;
  /** Raw header lines placed before the standard ones (junk floods go here). */
  headersBefore?: readonly string[];
  /** Leave off the blank line that ends the head (a slowloris sends half a request). */
  unterminated?: boolean;
}

/** An HTTP upgrade request as bytes on the wire. */
export function handshakeRequest(port: number, options: HandshakeOptions = {}): string {
  const pick = <T>(value: T | null | undefined, fallback: T): T | null => (value === undefined ? fallback : value);
  const lines = [`${options.method ?? 'GET'} ${options.path ?? '/'} HTTP/1.1`, ...(options.headersBefore ?? [])];
  const headers: [string, string | null][] = [
    ['Host', pick(options.host, `127.0.0.1:${port}`)],
    ['Upgrade', pick(options.upgrade, 'websocket')],
    ['Connection', pick(options.connection, 'Upgrade')],
    ['Sec-WebSocket-Key', pick(options.key, randomBytes(16).toString('base64'))],
    ['Sec-WebSocket-Version', pick(options.version, '13')],
    ['Sec-WebSocket-Protocol', pick(options.protocol, 'lws-minimal')],
    ['Origin', options.origin ?? null],
  ];
  for (const [name, value] of headers) if (value !== null) lines.push(`${name}: ${value}`);
  return lines.join('\r\n') + (options.unterminated ? '\r\n' : '\r\n\r\n');
}

/** The `Sec-WebSocket-Accept` a server must answer for `key` (RFC 6455 §4.2.2). */
function acceptFor(key: string): string {
  return createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
}

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  /** Default true. */
  fin?: boolean;
  /** RSV1..RSV3 as a 3-bit number (4 = RSV1, 2 = RSV2, 1 = RSV3). Default 0. */
  rsv?: number;
  /** Clients must mask; default true. */
  mask?: boolean;
  /** Length written in the header when it should lie about the payload that follows. */
  declaredLength?: bigint;
  /** Force a length form, e.g. the 64-bit one for a short payload (a non-minimal encoding). */
  lengthForm?: 7 | 16 | 64;
}

/** One frame, byte for byte as the spec says, however invalid. */
export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const length = spec.declaredLength ?? BigInt(payload.length);
  const form = spec.lengthForm ?? (length < 126n ? 7 : length < 65_536n ? 16 : 64);
  const masked = spec.mask ?? true;
  if ((form === 7 && length > 125n) || (form === 16 && length > 0xffffn)) {
    throw new RangeError(`a length of ${length} does not fit the ${form}-bit length form`);
  }

  const head = Buffer.alloc(2 + (form === 16 ? 2 : form === 64 ? 8 : 0) + (masked ? 4 : 0));
  head[0] = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  head[1] = (masked ? 0x80 : 0) | (form === 16 ? 126 : form === 64 ? 127 : Number(length));
  if (form === 16) head.writeUInt16BE(Number(length), 2);
  if (form === 64) head.writeBigUInt64BE(length, 2);
  if (!masked) return Buffer.concat([head, payload]);

  const mask = randomBytes(4);
  mask.copy(head, head.length - 4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i & 3]!;
  return Buffer.concat([head, body]);
}

/** Payload of a close frame: a 2-byte code and an optional UTF-8 reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const out = Buffer.alloc(2 + Buffer.byteLength(reason));
  out.writeUInt16BE(code, 0);
  out.write(reason, 2);
  return out;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The body as far as `Content-Length` says (empty without one, as after a 101). */
  body: string;
}

export interface ServerFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** How a connection ended: with the server's close frame, or by the socket simply closing. */
export interface CloseOutcome {
  /** The code in the server's close frame; `null` when it dropped the socket (or its close frame had no code). */
  code: number | null;
  reason: string;
}

/**
 * One read buffer shared by every RawClient (Node's `onread`): each read is copied or counted before
 * the next, so a thousand clients receiving megabytes allocate nothing per read.
 */
const READ_BUFFER = Buffer.alloc(64 * 1024);

/**
 * One TCP connection that reads HTTP first, then server frames, as a test asks for them. Reads are
 * awaited one at a time (a single waiter), which is how a test reads a conversation anyway.
 */
export class RawClient {
  readonly socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private ended = false;
  private wake: () => void = () => {};
  /** Where received bytes go: kept for parsing here, or handed to a tally. */
  private sink = (bytes: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, bytes]);
    this.wake();
  };

  private constructor(port: number, localAddress: string | undefined) {
    this.socket = net.connect({
      port,
      host: '127.0.0.1',
      localAddress,
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (length) => {
          this.sink(READ_BUFFER.subarray(0, length));
          return true;
        },
      },
    });
    this.socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  /** `localAddress` picks the source address: any of 127.0.0.0/8 works on loopback. */
  static connect(port: number, localAddress?: string): Promise<RawClient> {
    const client = new RawClient(port, localAddress);
    return new Promise((resolve, reject) => {
      client.socket.once('error', reject);
      client.socket.once('connect', () => {
        client.socket.off('error', reject);
        // The server resetting a hostile connection is an expected outcome, seen as `closed`.
        client.socket.on('error', () => {});
        resolve(client);
      });
    });
  }

  /** True once the server has closed the TCP connection (or it was destroyed). */
  get closed(): boolean {
    return this.ended;
  }

  write(data: Buffer | string): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(data);
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** The response head and body, or `null` when the server closed without a complete head. */
  async readResponse(timeoutMs = 3_000): Promise<HttpResponse | null> {
    await this.until(() => (this.buffer.indexOf('\r\n\r\n') >= 0 || this.ended ? true : undefined), timeoutMs, 'an HTTP response');
    const at = this.buffer.indexOf('\r\n\r\n');
    if (at < 0) return null;
    const [statusLine = '', ...lines] = this.buffer.subarray(0, at).toString('latin1').split('\r\n');
    this.buffer = this.buffer.subarray(at + 4);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    await this.until(() => (this.buffer.length >= length || this.ended ? true : undefined), timeoutMs, 'the response body');
    const body = this.buffer.subarray(0, length).toString('utf8');
    this.buffer = this.buffer.subarray(length);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }

  /**
   * Hands every further byte to a `FrameTally` instead of buffering it here, for readers that receive
   * megabytes and only need counting. Bytes already buffered go first.
   */
  tally(keep?: number): FrameTally {
    const tally = new FrameTally(keep);
    tally.push(this.buffer);
    this.buffer = Buffer.alloc(0);
    this.sink = (bytes) => tally.push(bytes);
    return tally;
  }

  /** The next whole frame from the server, or `null` when the connection closed first. */
  nextFrame(timeoutMs = 3_000): Promise<ServerFrame | null> {
    return this.until(() => this.takeFrame() ?? (this.ended ? null : undefined), timeoutMs, 'a frame');
  }

  /** The next text frame's payload, skipping pings and pongs; `null` when the connection closed first. */
  async nextText(timeoutMs = 3_000): Promise<string | null> {
    for (;;) {
      const frame = await this.nextFrame(timeoutMs);
      if (frame === null || frame.opcode === Opcode.close) return null;
      if (frame.opcode === Opcode.text) return frame.payload.toString('utf8');
    }
  }

  /**
   * Reads until the server's close frame or the end of the connection; data frames on the way are
   * skipped. Answers a close frame with one of its own (as RFC 6455 asks) and ends the socket.
   */
  async waitForClose(timeoutMs = 3_000): Promise<CloseOutcome> {
    for (;;) {
      const frame = await this.nextFrame(timeoutMs);
      if (frame === null) return { code: null, reason: '' };
      if (frame.opcode !== Opcode.close) continue;
      this.write(encodeFrame({ opcode: Opcode.close, payload: frame.payload.subarray(0, 2) }));
      this.socket.end();
      return {
        code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : null,
        reason: frame.payload.subarray(2).toString('utf8'),
      };
    }
  }

  /** Resolves once the TCP connection has closed. */
  async waitForEnd(timeoutMs = 3_000): Promise<void> {
    await this.until(() => (this.ended ? true : undefined), timeoutMs, 'the connection to close');
  }

  private takeFrame(): ServerFrame | undefined {
    const buf = this.buffer;
    if (buf.length < 2) return undefined;
    let length = buf[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buf.length < 4) return undefined;
      length = buf.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buf.length < 10) return undefined;
      length = Number(buf.readBigUInt64BE(2));
      offset = 10;
    }
    // Servers never mask (RFC 6455 §5.1), so the payload follows the length directly.
    if (buf.length < offset + length) return undefined;
    this.buffer = buf.subarray(offset + length);
    return { fin: (buf[0]! & 0x80) !== 0, opcode: buf[0]! & 0x0f, payload: buf.subarray(offset, offset + length) };
  }

  /** Re-checks `take` on every arrival until it yields a value (`undefined` means "not yet"). */
  private until<T>(take: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = () => {};
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.wake = () => {
        const value = take();
        if (value === undefined) return;
        clearTimeout(timer);
        this.wake = () => {};
        resolve(value);
      };
      this.wake();
    });
  }
}

/**
 * Counts server frames as bytes stream past, keeping only the first `keep` bytes of each payload: a
 * thousand readers receiving megabytes each stay cheap, yet can still prove order by a tag at the start
 * of each message.
 */
export class FrameTally {
  frames = 0;
  payloadBytes = 0;
  /** The first `keep` bytes of each frame's payload, in arrival order. */
  readonly heads: string[] = [];
  private header = Buffer.alloc(0);
  private remaining = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private waiter: { count: number; resolve: () => void } | null = null;

  constructor(private readonly keep = 16) {}

  /** Resolves once `count` frames have arrived (one waiter at a time). */
  reached(count: number, timeoutMs = 5_000): Promise<void> {
    if (this.frames >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`timed out after ${timeoutMs} ms waiting for frame ${count} (have ${this.frames})`));
      }, timeoutMs);
      this.waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          this.waiter = null;
          resolve();
        },
      };
    });
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        if (this.headLength < this.keep) {
          const part = chunk.subarray(at, at + Math.min(take, this.keep - this.headLength));
          this.head.push(Buffer.from(part));
          this.headLength += part.length;
        }
        at += take;
        this.remaining -= take;
        this.payloadBytes += take;
        if (this.remaining === 0) this.finishFrame();
        continue;
      }
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + 1)]);
      at += 1;
      const length = this.declaredLength();
      if (length === undefined) continue;
      this.header = Buffer.alloc(0);
      this.remaining = length;
      if (length === 0) this.finishFrame();
    }
  }

  /** The payload length once the header bytes so far hold all of it (servers never mask). */
  private declaredLength(): number | undefined {
    const h = this.header;
    if (h.length < 2) return undefined;
    const short = h[1]! & 0x7f;
    if (short < 126) return short;
    if (short === 126) return h.length < 4 ? undefined : h.readUInt16BE(2);
    return h.length < 10 ? undefined : Number(h.readBigUInt64BE(2));
  }

  private finishFrame(): void {
    this.frames++;
    this.heads.push(Buffer.concat(this.head).toString('latin1'));
    this.head = [];
    this.headLength = 0;
    if (this.waiter !== null && this.frames >= this.waiter.count) this.waiter.resolve();
  }
}

/**
 * A completed handshake: connects, sends a good upgrade request (any field overridable) and checks the
 * 101 and its accept value. Throws with the status when the server refuses.
 */
export async function openRaw(port: number, options: HandshakeOptions = {}, localAddress?: string): Promise<RawClient> {
  const key = options.key ?? randomBytes(16).toString('base64');
  const client = await RawClient.connect(port, localAddress);
  client.write(handshakeRequest(port, { ...options, key }));
  const response = await client.readResponse();
  if (response?.status !== 101 || response.headers['sec-websocket-accept'] !== acceptFor(key)) {
    client.destroy();
    throw new Error(`handshake refused: ${response ? response.status : 'connection closed'}`);
  }
  return client;
}

/** Sends one masked text frame. */
export function sendText(client: RawClient, text: string): void {
  client.write(encodeFrame({ opcode: Opcode.text, payload: text }));
}
