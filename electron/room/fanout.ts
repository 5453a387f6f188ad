// The fast path of a broadcast. A room's cost is fan-out (one message, a thousand deliveries), so
// everything that can be done once per message is: each message is framed once per form (raw bytes
// for `lws-minimal`, one JSON string for rich clients), the frames of one tick are joined into one
// buffer per form, and that same buffer is written to every client's socket: one write per client
// per tick, no per-client encoding or allocation.
//
// Writing to the socket under `ws` is safe because permessage-deflate is off and the room never
// sends Blobs, so a `ws` Sender never holds a frame back in its queue: anything `ws` itself sends
// (welcome, pings, close) and these writes reach the socket in the order they were issued.
import type { Duplex } from 'node:stream';
import * as wsModule from 'ws';

interface FrameOptions {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
}
// `Sender.frame` is public in ws (exported, documented in lib/sender.js) but missing from @types/ws.
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };

const TEXT_FRAME: FrameOptions = { fin: true, rsv1: false, opcode: 0x01, mask: false, readOnly: false };

/** One unmasked, unfragmented server text frame carrying `payload`, exactly as `ws` would send it. */
export function frameText(payload: Buffer): Buffer[] {
  return Sender.frame(payload, TEXT_FRAME);
}

/**
 * The header of an unmasked, unfragmented server text frame with a payload of `length` bytes (RFC 6455
 * 5.2: FIN and opcode 1, then the length in 7 bits, or 126 and 16 bits, or 127 and 64 bits), for a
 * payload that is written in parts rather than joined.
 */
export function textFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x81, length]);
  if (length < 0x10000) {
    const header = Buffer.from([0x81, 126, 0, 0]);
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.from([0x81, 127, 0, 0, 0, 0, 0, 0, 0, 0]);
  header.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
  header.writeUInt32BE(length >>> 0, 6);
  return header;
}

/** Writes one text frame whose payload is `parts` back to back, without copying them into one buffer. */
export function sendParts(target: FanoutTarget, parts: readonly Buffer[]): void {
  if (!target.open) return;
  let length = 0;
  for (const part of parts) length += part.length;
  const socket = target.socket;
  socket.cork();
  socket.write(textFrameHeader(length));
  for (const part of parts) socket.write(part);
  socket.uncork();
}

/**
 * The items of a JSON array (without the brackets), each encoded once when it is pushed. The bytes only
 * grow: a view from `bytes()` never changes afterwards, so it may wait in a socket's write queue while
 * more items are pushed.
 */
export class JsonItems {
  private buffer = Buffer.allocUnsafeSlow(1024);
  private length = 0;

  constructor(items: Iterable<unknown> = []) {
    for (const item of items) this.push(item);
  }

  push(item: unknown): void {
    const text = JSON.stringify(item);
    const needed = this.length + 1 + Buffer.byteLength(text);
    if (needed > this.buffer.length) {
      // A new buffer, never a write over the old one: views already handed out stay as they were.
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    if (this.length > 0) this.buffer[this.length++] = 0x2c; // ','
    this.length += this.buffer.write(text, this.length);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Something the room writes frames to. */
export interface FanoutTarget {
  readonly socket: Duplex;
  /** False once the connection is closing; nothing more may be written after its close frame. */
  readonly open: boolean;
}

/**
 * Collects the frames of one tick for one form and writes them to targets. `frames()` is the joined
 * buffer; a target that must skip some frames (nobody is told of their own join or typing, and a raw
 * client gets only the file links built from its own address) gets the rest of that same buffer as
 * slices, written corked: no copy either way.
 */
export class FrameBatch<T extends FanoutTarget> {
  private parts: Buffer[] = [];
  /** Byte ranges in `frames()` of the messages that some target must not get. */
  private skips: { start: number; end: number; except?: T; only?: (target: T) => boolean }[] = [];
  private excepted: Set<T> | null = null;
  /** Set when some frame is only for some targets (`addFor`): then every target is checked. */
  private conditional = false;
  private length = 0;
  private joined: Buffer | null = null;

  get empty(): boolean {
    return this.length === 0;
  }

  add(payload: Buffer, except?: T): void {
    const start = this.append(payload);
    if (except !== undefined) {
      this.skips.push({ start, end: this.length, except });
      (this.excepted ??= new Set()).add(except);
    }
  }

  /** A frame only the targets `only` accepts get (a link built from the address each one connected to). */
  addFor(payload: Buffer, only: (target: T) => boolean): void {
    const start = this.append(payload);
    this.skips.push({ start, end: this.length, only });
    this.conditional = true;
  }

  /** Frames `payload` onto the batch; returns where its frame starts. */
  private append(payload: Buffer): number {
    const start = this.length;
    for (const part of frameText(payload)) {
      this.parts.push(part);
      this.length += part.length;
    }
    this.joined = null;
    return start;
  }

  /** Every frame of the batch, joined once. */
  frames(): Buffer {
    return (this.joined ??= this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.length));
  }

  /**
   * Writes the batch to each open target. A target whose socket already holds more than `cap` unsent
   * bytes is handed to `overflow` instead (it is not reading; its memory must not grow).
   */
  deliver(targets: Iterable<T>, cap: number, overflow: (target: T) => void): void {
    if (this.empty) return;
    const excepted = this.excepted;
    for (const target of targets) {
      if (!target.open) continue;
      const socket = target.socket;
      if (socket.writableLength > cap) {
        overflow(target);
        continue;
      }
      // `frames()` joins once, on first use: a form nobody receives is never joined.
      if (this.conditional || (excepted !== null && excepted.has(target))) this.writeExcept(socket, target);
      else socket.write(this.frames());
    }
  }

  /** The batch without the frames `target` must skip: slices of the joined buffer, one corked write. */
  private writeExcept(socket: Duplex, target: T): void {
    const all = this.frames();
    socket.cork();
    let from = 0;
    for (const skip of this.skips) {
      if (skip.except !== target && (skip.only === undefined || skip.only(target))) continue;
      if (skip.start > from) socket.write(all.subarray(from, skip.start));
      from = skip.end;
    }
    if (from < all.length) socket.write(all.subarray(from));
    socket.uncork();
  }
}
