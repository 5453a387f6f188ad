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

/** Something the room writes frames to. */
export interface FanoutTarget {
  readonly socket: Duplex;
  /** False once the connection is closing; nothing more may be written after its close frame. */
  readonly open: boolean;
}

/**
 * Collects the frames of one tick for one form and writes them to targets. `frames()` is the joined
 * buffer; targets that must skip some frames (a typing notice is not echoed to the typist) get their
 * own filtered copy.
 */
export class FrameBatch<T extends FanoutTarget> {
  private parts: Buffer[] = [];
  private entries: { start: number; end: number; except: T | undefined }[] = [];
  private excepted: Set<T> | null = null;
  private length = 0;
  private joined: Buffer | null = null;

  get empty(): boolean {
    return this.entries.length === 0;
  }

  add(payload: Buffer, except?: T): void {
    const start = this.parts.length;
    for (const part of frameText(payload)) {
      this.parts.push(part);
      this.length += part.length;
    }
    this.entries.push({ start, end: this.parts.length, except });
    if (except !== undefined) (this.excepted ??= new Set()).add(except);
    this.joined = null;
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
      socket.write(excepted !== null && excepted.has(target) ? this.framesFor(target) : this.frames());
    }
  }

  private framesFor(target: T): Buffer {
    const parts: Buffer[] = [];
    for (const entry of this.entries) {
      if (entry.except !== target) parts.push(...this.parts.slice(entry.start, entry.end));
    }
    return Buffer.concat(parts);
  }
}
