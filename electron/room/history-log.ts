// The on-disk chat log: append-only segment files of one line per message (history-records.ts), each
// line carrying a short checksum so a torn or corrupt record is detected and skipped instead of
// poisoning the rest. This is the one process that writes it: opening and repairing, group-commit
// appends, rotation and clearing; reading (also from another process, the export) is history-reader.ts.
// The format, the durability guarantee and its limits are described in docs/storage.md.
import { closeSync, fdatasync, fdatasyncSync, openSync, readFileSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '../../common/errors.js';
import { isRoomEvent } from '../../common/history.js';
import type { ChatMessage, HistoryRecord } from '../../common/model.js';
import { encodeRecord, lastCompleteLineEnd, parseRecords } from './history-records.js';
import {
  errorCode,
  findMessage,
  historyDir,
  listSegments,
  readRecent,
  segmentFile,
  skippedWarning,
  type Segment,
} from './history-reader.js';
import { makeFilePrivate, PRIVATE_FILE_MODE, privateDir } from './private-files.js';

/** The on-disk chat log, as the room uses it. */
export interface HistoryLog {
  /** Highest `seq` in the log when it was opened (0 for an empty log). */
  readonly lastSeq: number;
  /** The newest `limit` messages and the room events among them, oldest first, removed messages as tombstones. */
  recent(limit: number): HistoryRecord[];
  /** Message `seq` as stored (a tombstone when it was removed), if the log still holds it. */
  find(seq: number): ChatMessage | undefined;
  /**
   * Writes every record of one tick in one synchronous write (group commit). When it returns, the
   * bytes are in the OS's hands: a `kill -9` of the host cannot lose them. Throws on a storage error.
   */
  appendSync(records: readonly HistoryRecord[]): void;
  /** Removes every stored message (sequence numbers still continue). */
  clear(): void;
  close(): void;
}

export interface HistoryLogOptions {
  /** A segment is closed and a new one started once it reaches this size. Default 4 MiB. */
  segmentBytes?: number;
  /**
   * Segments kept; the oldest is deleted when a new one would exceed this. Default 64, so the log
   * stays under about 256 MiB: about 1.2 million messages, months of a busy room's text, and about an
   * hour of the fastest flood one address may send (docs/storage.md has the arithmetic).
   */
  maxSegments?: number;
  /**
   * How often written data is flushed to the disk itself (fdatasync, off the event loop), bounding what
   * a power loss can take. `kill -9` loses nothing either way. 0 turns the periodic flush off. Default 1000 ms.
   */
  syncIntervalMs?: number;
  /** Told about skipped records and other trouble that is not fatal. Default: ignored. */
  onWarning?: (message: string) => void;
}

/** An append, rotation or clear failed (disk full, permission denied…); `code` is the OS error code. */
export class HistoryStorageError extends Error {
  override readonly name = 'HistoryStorageError';
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_SEGMENTS = 64;
const DEFAULT_SYNC_INTERVAL_MS = 1000;

/**
 * Opens (creating when needed) the log in `<dataDir>/history`, for the one process that writes it.
 * Scans the newest segment: corrupt records are reported and skipped, a torn last record is cut off so
 * later appends start on a clean line. Throws a `HistoryStorageError` when the folder cannot be used.
 */
export function openHistoryLog(dataDir: string, options: HistoryLogOptions = {}): HistoryLog {
  return new SegmentedHistoryLog(historyDir(dataDir), options);
}

class SegmentedHistoryLog implements HistoryLog {
  private readonly segmentBytes: number;
  private readonly maxSegments: number;
  private readonly syncIntervalMs: number;
  private readonly warn: (message: string) => void;
  private segments: Segment[];
  private fd: number;
  /** Bytes in the newest segment; the point to cut back to if a write fails halfway. */
  private size: number;
  private syncTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private seq = 0;

  constructor(
    private readonly dir: string,
    options: HistoryLogOptions,
  ) {
    this.segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.maxSegments = Math.max(1, options.maxSegments ?? DEFAULT_MAX_SEGMENTS);
    this.syncIntervalMs = options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.warn = options.onWarning ?? (() => {});
    storageStep(`cannot create the history folder ${dir}`, () => privateDir(dir));
    this.segments = storageStep(`cannot read the history folder ${dir}`, () => listSegments(dir, this.warn));
    for (const segment of this.segments)
      storageStep(`cannot make ${this.path(segment)} private`, () => makeFilePrivate(this.path(segment)));
    if (this.segments.length === 0) this.segments.push(this.createSegment(1));
    const newest = this.segments[this.segments.length - 1]!;
    this.seq = newest.firstSeq - 1;
    this.size = this.recoverNewestSegment(newest);
    this.fd = storageStep(`cannot open the history file ${this.path(newest)}`, () => openSync(this.path(newest), 'a'));
  }

  get lastSeq(): number {
    return this.seq;
  }

  recent(limit: number): HistoryRecord[] {
    return readRecent(this.dir, this.segments, limit);
  }

  find(seq: number): ChatMessage | undefined {
    return findMessage(this.dir, this.segments, seq);
  }

  appendSync(records: readonly HistoryRecord[]): void {
    if (this.closed) throw new HistoryStorageError('the history log is closed', undefined);
    if (records.length === 0) return;
    if (this.size >= this.segmentBytes) this.rotate();
    let text = '';
    for (const record of records) text += encodeRecord(record);
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      // One write for the whole batch; the loop only continues after a short write (rare, e.g. disk filling).
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      this.cutBackAfterFailedWrite(written);
      throw storageError(`cannot write chat history to ${this.path(this.newest())}`, error);
    }
    this.size += bytes.length;
    for (const record of records) if (!isRoomEvent(record) && record.seq > this.seq) this.seq = record.seq;
    this.scheduleSync();
  }

  clear(): void {
    // The new, empty segment is named after the next seq, so the seq floor survives a restart.
    const fresh = this.createSegment(this.seq + 1);
    const old = this.segments;
    this.switchTo(fresh);
    this.segments = [fresh];
    for (const segment of old) {
      if (segment.file === fresh.file) continue;
      storageStep(`cannot delete ${this.path(segment)}`, () => rmSync(this.path(segment), { force: true }));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.syncTimer) clearTimeout(this.syncTimer);
    try {
      fdatasyncSync(this.fd);
    } catch {
      // Nothing left to do about it at shutdown; the data is in the page cache already.
    }
    closeSync(this.fd);
  }

  private newest(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  private path(segment: Segment): string {
    return join(this.dir, segment.file);
  }

  /** Reads the newest segment whole (it is at most about `segmentBytes`) to find lastSeq and a torn tail. */
  private recoverNewestSegment(segment: Segment): number {
    const path = this.path(segment);
    const bytes = storageStep(`cannot read ${path}`, () => readFileSync(path));
    const end = lastCompleteLineEnd(bytes);
    const { records, corrupt } = parseRecords(bytes, end);
    if (corrupt > 0) this.warn(skippedWarning(this.dir, segment.file, corrupt));
    if (end < bytes.length) {
      this.warn(`history: ${segment.file} ended in an incomplete record (${bytes.length - end} bytes); it was cut off`);
      storageStep(`cannot repair ${path}`, () => truncateSync(path, end));
    }
    for (const record of records) if (!isRoomEvent(record) && record.seq > this.seq) this.seq = record.seq;
    return end;
  }

  private rotate(): void {
    const fresh = this.createSegment(this.seq + 1);
    this.switchTo(fresh);
    // Same name only when the full segment held nothing valid; it was emptied and is reused.
    if (fresh.file !== this.newest().file) this.segments.push(fresh);
    while (this.segments.length > this.maxSegments) {
      const oldest = this.segments.shift()!;
      storageStep(`cannot delete ${this.path(oldest)}`, () => rmSync(this.path(oldest), { force: true }));
    }
  }

  /** Creates an empty segment; one of the same name (left holding only corrupt records) is emptied. */
  private createSegment(firstSeq: number): Segment {
    const segment = { file: segmentFile(firstSeq), firstSeq };
    const path = this.path(segment);
    storageStep(`cannot create ${path}`, () => {
      closeSync(openSync(path, 'w', PRIVATE_FILE_MODE));
      // An emptied segment of the same name keeps the mode it had.
      makeFilePrivate(path);
    });
    return segment;
  }

  /** Makes `segment` the one appended to; the previous one is flushed to disk as it is finished. */
  private switchTo(segment: Segment): void {
    const fd = storageStep(`cannot open ${this.path(segment)}`, () => openSync(this.path(segment), 'a'));
    try {
      fdatasyncSync(this.fd);
    } catch {
      // A failed flush of a finished segment only weakens the power-loss window; appends go on.
    }
    closeSync(this.fd);
    this.fd = fd;
    this.size = 0;
  }

  /** After a failed or partial write, removes the fragment so the next record starts on a clean line. */
  private cutBackAfterFailedWrite(written: number): void {
    if (written === 0) return;
    try {
      truncateSync(this.path(this.newest()), this.size);
    } catch {
      // The fragment stays; the next open detects it as a corrupt record and skips it.
    }
  }

  private scheduleSync(): void {
    if (this.syncIntervalMs <= 0 || this.syncTimer) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      if (this.closed) return;
      // Off the event loop: chat keeps flowing while the disk catches up.
      fdatasync(this.fd, (error) => {
        if (error && !this.closed) this.warn(`history: flushing to disk failed: ${error.message}`);
      });
    }, this.syncIntervalMs);
    this.syncTimer.unref();
  }
}

function storageStep<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw storageError(what, error);
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported an input/output error',
};

function storageError(what: string, error: unknown): HistoryStorageError {
  const code = errorCode(error);
  const reason = (code && REASONS[code]) ?? messageOf(error);
  return new HistoryStorageError(`${what}: ${reason}${code ? ` (${code})` : ''}`, code, { cause: error });
}
