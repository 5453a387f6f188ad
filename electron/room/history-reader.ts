// Reading the on-disk chat log (history-log.ts writes it): its folder of segment files, named after the
// first seq each may hold, and the records in them. Everything here only reads, so it is safe while a
// host appends to the same folder: a last line still being written is left out, and a segment rotated
// away meanwhile is skipped. The log uses the same functions for its own reads (`recent`, `find`).
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRoomEvent } from '../../common/history.js';
import type { ChatMessage, HistoryRecord } from '../../common/model.js';
import { applyTombstones, lastCompleteLineEnd, NEWLINE, parseRecords } from './history-records.js';

export interface ReadHistoryOptions {
  onWarning?: (message: string) => void;
}

/** One segment file of the log. */
export interface Segment {
  file: string;
  firstSeq: number;
}

/** `<first seq, zero-padded>.log`: the name sorts like the numbers, and is the seq floor (see `clear`). */
const SEGMENT_NAME = /^(\d{16})\.log$/;
const TAIL_CHUNK_BYTES = 64 * 1024;

/** Where the log of a data directory lives. */
export function historyDir(dataDir: string): string {
  return join(dataDir, 'history');
}

/** Every stored message, oldest first, removed ones as tombstones (`readRecords` without the room events). */
export function readHistory(dataDir: string, options: ReadHistoryOptions = {}): ChatMessage[] {
  return readRecords(dataDir, options).filter((record): record is ChatMessage => !isRoomEvent(record));
}

/** Every stored message and room event, oldest first; a removed message is its tombstone. */
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

/**
 * The newest `limit` messages of `segments` and the room events among them, oldest first, removed
 * messages as tombstones: each segment read backwards from its end, newest segment first, only as far
 * as needed.
 */
export function readRecent(dir: string, segments: readonly Segment[], limit: number): HistoryRecord[] {
  if (limit <= 0) return [];
  const newestFirst: HistoryRecord[][] = [];
  let count = 0;
  for (let i = segments.length - 1; i >= 0 && count < limit; i--) {
    const records = readTail(join(dir, segments[i]!.file), limit - count);
    newestFirst.push(records);
    count += countMessages(records);
  }
  // Read, a tombstone has taken its message's place: there it counts as the message.
  return lastMessages(applyTombstones(newestFirst.reverse().flat()), limit, (record) => !isRoomEvent(record));
}

/** Message `seq` as stored in `segments` (a tombstone when it was removed), if they still hold it. */
export function findMessage(dir: string, segments: readonly Segment[], seq: number): ChatMessage | undefined {
  // A segment holds the seqs from its name's up to the next one's; a tombstone may be in any later one.
  const from = segments.findLastIndex((s) => s.firstSeq <= seq);
  if (from < 0) return undefined;
  const records: HistoryRecord[] = [];
  for (const segment of segments.slice(from)) {
    const bytes = readSegment(join(dir, segment.file));
    if (bytes === null) continue;
    for (const record of parseRecords(bytes, lastCompleteLineEnd(bytes)).records) {
      if (!isRoomEvent(record) && record.seq === seq) records.push(record);
    }
  }
  return applyTombstones(records)[0] as ChatMessage | undefined;
}

/** The last valid records of a segment holding `limit` messages, reading backwards in chunks rather than the whole file. */
function readTail(path: string, limit: number): HistoryRecord[] {
  let fd: number;
  try {
    fd = openSync(path, 'r');
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
    return lastMessages(records, limit, isMessage);
  } finally {
    closeSync(fd);
  }
}

/** A message among records as stored (a tombstone is not one: it stands for a message stored earlier). */
function isMessage(record: HistoryRecord): boolean {
  return !isRoomEvent(record) && !record.removed;
}

function countMessages(records: readonly HistoryRecord[]): number {
  let count = 0;
  for (const record of records) if (isMessage(record)) count++;
  return count;
}

/**
 * The tail of `records` from its `limit`-th message from the end (all of it when it holds fewer), what
 * counts as a message being `isOne`'s to say.
 */
function lastMessages(records: readonly HistoryRecord[], limit: number, isOne: (record: HistoryRecord) => boolean): HistoryRecord[] {
  let count = 0;
  for (let i = records.length - 1; i >= 0; i--) {
    if (isOne(records[i]!) && ++count === limit) return records.slice(i);
  }
  return records.slice();
}

/** The name of the segment whose first seq is `firstSeq`. */
export function segmentFile(firstSeq: number): string {
  return `${String(firstSeq).padStart(16, '0')}.log`;
}

/** The segments in `dir`, oldest first. A segment name on something else than a file (a folder, a link to
 * a device, which would read forever) is left alone with a warning. */
export function listSegments(dir: string, warn: (message: string) => void): Segment[] {
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

/** A segment's bytes; null when it is gone (rotated away or cleared since it was listed). */
function readSegment(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

export function skippedWarning(dir: string, file: string, count: number): string {
  return `history: skipped ${count} corrupt record${count === 1 ? '' : 's'} in ${join(dir, file)}`;
}

/** The OS error code of a failed file operation (`ENOENT`, `ENOSPC`…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
