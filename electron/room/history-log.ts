// The on-disk chat log: append-only segment files of one line per message (history-records.ts), each
// line carrying a short checksum so a torn or corrupt record is detected and skipped instead of
// poisoning the rest.
// The format, the durability guarantee and its limits are described in docs/storage.md.
import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '../../common/errors.js';
import { isRoomEvent } from '../../common/history.js';
import type { ChatMessage, HistoryRecord } from '../../common/model.js';
import { applyTombstones, encodeRecord, lastCompleteLineEnd, NEWLINE, parseRecords } from './history-records.js';
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
   * stays under about 256 MiB: roughly a million messages, more than a year of a busy room's text,
   * and about three days of the fastest flood one address may send (docs/storage.md).
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

export interface ReadHistoryOptions {
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
/** `<first seq, zero-padded>.log`: the name sorts like the numbers, and is the seq floor (see `clear`). */
const SEGMENT_NAME = /^(\d{16})\.log$/;
const TAIL_CHUNK_BYTES = 64 * 1024;

/** Where the log of a data directory lives. */
export function historyDir(dataDir: string): string {
  return join(dataDir, 'history');
}

/**
 * Opens (creating when needed) the log in `<dataDir>/history`, for the one process that writes it.
 * Scans the newest segment: corrupt records are reported and skipped, a torn last record is cut off so
 * later appends start on a clean line. Throws a `HistoryStorageError` when the folder cannot be used.
 */
export function openHistoryLog(dataDir: string, options: HistoryLogOptions = {}): HistoryLog {
  return new SegmentedHistoryLog(historyDir(dataDir), options);
}

/** Every stored message, oldest first, removed ones as tombstones (`readRecords` without the room events). */
export function readHistory(dataDir: string, options: ReadHistoryOptions = {}): ChatMessage[] {
  return readRecords(dataDir, options).filter((record): record is ChatMessage => !isRoomEvent(record));
}

/**
 * Every stored message and room event, oldest first; a removed message is its tombstone. Read-only and
 * safe while a host appends to the same folder: a last line still being written is left out, and a
 * segment rotated away meanwhile is skipped.
 */
export function readRecords(dataDir: string, options: ReadHistoryOptions = {}): HistoryRecord[] {
  const dir = historyDir(dataDir);
  const messages: HistoryRecord[] = [];
  const segments = listSegments(dir, options.onWarning ?? (() => {}));
  for (const [index, segment] of segments.entries()) {
    const bytes = readSegment(join(dir, segment.file));
    if (bytes === null) continue;
    const end = lastCompleteLineEnd(bytes);
    const { records, corrupt: corruptLines } = parseRecords(bytes, end);
    let corrupt = corruptLines;
    // Only the newest segment may legitimately end mid-record: the host may be writing it right now.
    if (end < bytes.length && index < segments.length - 1) corrupt++;
    if (corrupt > 0) options.onWarning?.(skippedWarning(dir, segment.file, corrupt));
    for (const record of records) messages.push(record);
  }
  return applyTombstones(messages);
}

interface Segment {
  file: string;
  firstSeq: number;
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
    if (limit <= 0) return [];
    const newestFirst: HistoryRecord[][] = [];
    let count = 0;
    for (let i = this.segments.length - 1; i >= 0 && count < limit; i--) {
      const records = this.readTail(this.segments[i]!, limit - count);
      newestFirst.push(records);
      count += countMessages(records);
    }
    return lastMessages(applyTombstones(newestFirst.reverse().flat()), limit);
  }

  find(seq: number): ChatMessage | undefined {
    // A segment holds the seqs from its name's up to the next one's; a tombstone may be in any later one.
    const from = this.segments.findLastIndex((s) => s.firstSeq <= seq);
    if (from < 0) return undefined;
    const records: HistoryRecord[] = [];
    for (const segment of this.segments.slice(from)) {
      const bytes = readSegment(this.path(segment));
      if (bytes === null) continue;
      for (const record of parseRecords(bytes, lastCompleteLineEnd(bytes)).records) {
        if (!isRoomEvent(record) && record.seq === seq) records.push(record);
      }
    }
    return applyTombstones(records)[0] as ChatMessage | undefined;
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

  /** The last valid records of a segment holding `limit` messages, reading backwards in chunks rather than the whole file. */
  private readTail(segment: Segment, limit: number): HistoryRecord[] {
    let fd: number;
    try {
      fd = openSync(this.path(segment), 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    try {
      const size = fstatSync(fd).size;
      let start = size;
      let tail = Buffer.alloc(0);
      let records: HistoryRecord[] = [];
      while (start > 0) {
        const length = Math.min(TAIL_CHUNK_BYTES, start);
        start -= length;
        const chunk = Buffer.alloc(length);
        readSync(fd, chunk, 0, length, start);
        tail = Buffer.concat([chunk, tail]);
        // Unless at the file's start, the first line may be cut by the chunk boundary: parse after it.
        const from = start === 0 ? 0 : tail.indexOf(NEWLINE) + 1;
        if (from === 0 && start > 0) continue;
        records = parseRecords(tail.subarray(from), lastCompleteLineEnd(tail.subarray(from))).records;
        if (countMessages(records) >= limit) break;
      }
      return lastMessages(records, limit);
    } finally {
      closeSync(fd);
    }
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

/** Messages among records as read (a tombstone is not one: it stands for a message read elsewhere). */
function countMessages(records: readonly HistoryRecord[]): number {
  let count = 0;
  for (const record of records) if (!isRoomEvent(record) && !record.removed) count++;
  return count;
}

/** The tail of `records` from its `limit`-th message from the end (all of it when it holds fewer). */
function lastMessages(records: readonly HistoryRecord[], limit: number): HistoryRecord[] {
  let count = 0;
  for (let i = records.length - 1; i >= 0; i--) {
    if (!isRoomEvent(records[i]!) && ++count === limit) return records.slice(i);
  }
  return records.slice();
}

function segmentFile(firstSeq: number): string {
  return `${String(firstSeq).padStart(16, '0')}.log`;
}

/** A segment's bytes; null when it is gone (rotated away or cleared since it was listed). */
function readSegment(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** The segments in `dir`, oldest first. A segment name on something else than a file (a folder, a link to
 * a device, which would read forever) is left alone with a warning. */
function listSegments(dir: string, warn: (message: string) => void): Segment[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const segments: Segment[] = [];
  for (const file of files) {
    const match = SEGMENT_NAME.exec(file);
    if (!match) continue;
    const stats = statSync(join(dir, file), { throwIfNoEntry: false });
    if (stats === undefined) continue;
    if (stats.isFile()) segments.push({ file, firstSeq: Number(match[1]) });
    else warn(`history: ignoring ${join(dir, file)}: not a regular file`);
  }
  return segments.sort((a, b) => a.firstSeq - b.firstSeq);
}

function skippedWarning(dir: string, file: string, count: number): string {
  return `history: skipped ${count} corrupt record${count === 1 ? '' : 's'} in ${join(dir, file)}`;
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

function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
