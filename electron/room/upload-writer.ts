// One piece of an upload, from the network (or a local file) to the upload's temporary file: at most
// `length` bytes of a source, written at `start`, with backpressure (reading pauses while the disk
// catches up), each chunk shown to the caller first (the hash, the first bytes). Every `FLUSH_EVERY`
// bytes the file is flushed to disk in the background, so the flush that completes an upload has
// only the last few megabytes left to write instead of a whole gigabyte.
import { createWriteStream, fdatasync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** How a piece ended. `received` bytes were written (all of them unless `error`). */
export interface PieceResult {
  received: number;
  /** The source sent more than `length`: nothing past it was written. */
  overflow: boolean;
  /** Writing failed (disk full...); what reached the disk is unknown. */
  error: unknown;
}

export interface Piece {
  /** Stops reading; what was read is still written, then `done` resolves. */
  stop(): void;
  done: Promise<PieceResult>;
}

const WRITE_HIGH_WATER_MARK = 1024 * 1024;
const FLUSH_EVERY = 32 * 1024 * 1024;

export function writePiece(path: string, start: number, source: Readable, length: number, onChunk: (chunk: Buffer) => void): Piece {
  const fd = openSync(path, 'r+');
  const out = createWriteStream(path, { fd, start, highWaterMark: WRITE_HIGH_WATER_MARK });
  let received = 0;
  let overflow = false;
  let error: unknown = null;
  let flushedAt = 0;
  let flushing: Promise<void> | null = null;
  let stop = () => {};
  const reading = new Promise<void>((resolve) => {
    const finish = () => {
      source.off('data', onData);
      out.off('drain', onDrain);
      resolve();
    };
    stop = () => {
      source.pause();
      finish();
    };
    const onDrain = () => source.resume();
    const onData = (chunk: Buffer) => {
      if (received + chunk.length > length) {
        overflow = true;
        stop();
        return;
      }
      received += chunk.length;
      onChunk(chunk);
      if (!out.write(chunk)) source.pause();
      if (received - flushedAt >= FLUSH_EVERY && flushing === null) {
        flushedAt = received;
        // Off the event loop; an error here only means the final flush has more to do.
        flushing = new Promise<void>((done) => fdatasync(fd, () => done())).then(() => {
          flushing = null;
        });
      }
      if (received === length) finish();
    };
    source.on('data', onData);
    out.on('drain', onDrain);
    out.once('error', (failure) => {
      error = failure;
      stop();
    });
    source.once('end', finish);
    source.once('close', finish);
    source.once('error', finish);
  });
  const done = reading
    // The stream closes the descriptor when it ends: a background flush must be over by then.
    .then(() => flushing)
    .then(() => new Promise<void>((resolve) => out.end(resolve)))
    .then(() => ({ received, overflow, error }));
  return { stop: () => stop(), done };
}
