// One piece of an upload written to its temporary file (upload-writer.ts): at most `length` bytes of a
// stream, at the offset given, each chunk shown to the caller first; a source that sends too much, ends
// early, is stopped or cannot be written says so, and what reached the file is exactly what it counts.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writePiece } from '../../../electron/room/upload-writer.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-upload-writer-');

/** An upload's temporary file holding `bytes` so far. */
function tempFile(bytes = Buffer.alloc(0)): string {
  const path = join(tempDir(), 'upload');
  writeFileSync(path, bytes);
  return path;
}

describe('writePiece', () => {
  it('writes the source after what the file holds, and shows the caller every chunk first', async () => {
    const first = randomBytes(1000);
    const rest = randomBytes(3 * 1024 * 1024);
    const path = tempFile(first);
    const seen: Buffer[] = [];
    const source = Readable.from([rest.subarray(0, 100), rest.subarray(100, 2_000_000), rest.subarray(2_000_000)]);
    const piece = writePiece(path, first.length, source, rest.length, (chunk) => seen.push(Buffer.from(chunk)));
    expect(await piece.done).toEqual({ received: rest.length, overflow: false, error: null });
    expect(Buffer.concat(seen).equals(rest)).toBe(true);
    expect(readFileSync(path).equals(Buffer.concat([first, rest]))).toBe(true);
  });

  it('resumes over the end of a file cut short: the piece starts where it is told', async () => {
    const bytes = randomBytes(500);
    // The file holds more than the upload has counted (a write whose end was never acknowledged).
    const path = tempFile(Buffer.concat([bytes.subarray(0, 200), Buffer.from('stale')]));
    const piece = writePiece(path, 200, Readable.from([bytes.subarray(200)]), 300, () => {});
    expect((await piece.done).received).toBe(300);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a source that sends more than the piece: nothing past it, not even the chunk that crossed it', async () => {
    const path = tempFile();
    const chunks = [Buffer.alloc(100, 1), Buffer.alloc(100, 2), Buffer.alloc(100, 3)];
    const seen: number[] = [];
    const piece = writePiece(path, 0, Readable.from(chunks), 150, (chunk) => seen.push(chunk.length));
    expect(await piece.done).toEqual({ received: 100, overflow: true, error: null });
    expect(seen).toEqual([100]);
    expect(readFileSync(path).equals(chunks[0]!)).toBe(true);
  });

  it('ends with what arrived when the source ends early or fails', async () => {
    const short = tempFile();
    expect(await writePiece(short, 0, Readable.from([Buffer.alloc(40, 7)]), 100, () => {}).done).toEqual({
      received: 40,
      overflow: false,
      error: null,
    });
    expect(readFileSync(short)).toEqual(Buffer.alloc(40, 7));

    const broken = tempFile();
    const source = new PassThrough();
    const piece = writePiece(broken, 0, source, 100, () => source.destroy(new Error('connection reset')));
    source.write(Buffer.alloc(30, 9));
    expect(await piece.done).toEqual({ received: 30, overflow: false, error: null });
    expect(readFileSync(broken)).toEqual(Buffer.alloc(30, 9));
  });

  it('stops reading when stopped, and still writes what it read', async () => {
    const path = tempFile();
    const source = new PassThrough();
    let piece: ReturnType<typeof writePiece> | undefined = undefined;
    piece = writePiece(path, 0, source, 1000, () => piece!.stop());
    source.write(Buffer.alloc(60, 5));
    const result = await piece.done;
    // Sent after the stop: the source is left alone, for whoever reads it next.
    source.write(Buffer.alloc(60, 6));
    expect(result).toEqual({ received: 60, overflow: false, error: null });
    expect(readFileSync(path)).toEqual(Buffer.alloc(60, 5));
    expect(source.isPaused()).toBe(true);
  });

  it.runIf(process.platform === 'linux')('reports a disk that cannot take the bytes, and stops reading', async () => {
    // Every write to /dev/full fails with ENOSPC.
    const source = new PassThrough();
    const piece = writePiece('/dev/full', 0, source, 10_000, () => {});
    source.write(Buffer.alloc(5000));
    const { error } = await piece.done;
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(source.isPaused()).toBe(true);
  });
});
