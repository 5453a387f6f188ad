// One record of the on-disk chat log (history-log.ts): a line `<checksum> <json>`, where the checksum
// (8 hex digits of SHA-1) covers the JSON. A line that does not check out is not a record: a torn or
// corrupted write is detected and skipped, never trusted. A record is a chat message, a room event
// (it has an `afterSeq`), or a tombstone: a later record of a message's `seq` with `removed: true`, which
// takes the message's place when the log is read (`applyTombstones`).
import { hash } from 'node:crypto';
import { isFileRef, MAX_FILES_PER_MESSAGE } from '../../common/files.js';
import { isRoomEvent } from '../../common/history.js';
import type { ChatMessage, ClientKind, FileRef, HistoryRecord, RoomEvent } from '../../common/model.js';

const CHECKSUM_LENGTH = 8;
export const NEWLINE = 0x0a;
const CLIENT_KINDS: readonly ClientKind[] = ['raw', 'rich', 'host'];
const EVENT_TYPES: readonly RoomEvent['type'][] = ['join', 'leave', 'rename', 'moderation'];

/**
 * Whether the log keeps a room event: what changes how the history reads (a rename, what the host did,
 * someone taken out), not the comings and goings, which a join storm would turn into most of the log.
 */
export function isStoredEvent(event: RoomEvent): boolean {
  return event.type === 'rename' || event.type === 'moderation' || (event.type === 'leave' && STORED_LEAVES.includes(event.reason));
}

const STORED_LEAVES: readonly string[] = ['kicked', 'banned', 'pin-changed'];

/** `<checksum> <json>\n`; JSON.stringify escapes newlines in strings, so a record is exactly one line. */
export function encodeRecord(record: HistoryRecord): string {
  const json = JSON.stringify(isRoomEvent(record) ? record : storedMessage(record));
  return `${checksum(json)} ${json}\n`;
}

/** A message with exactly the fields the log keeps, in a fixed order. */
function storedMessage(message: ChatMessage): ChatMessage {
  const stored: ChatMessage = {
    seq: message.seq,
    ts: message.ts,
    from: { id: message.from.id, name: message.from.name, kind: message.from.kind },
    text: message.text,
  };
  if (message.files !== undefined) stored.files = message.files.map(storedFile);
  if (message.clientMsgId !== undefined) stored.clientMsgId = message.clientMsgId;
  if (message.removed) stored.removed = true;
  return stored;
}

/**
 * The records as they read: each tombstone replaces its message where that stands and is dropped
 * itself (so is one whose message is no longer in `records`).
 */
export function applyTombstones(records: readonly HistoryRecord[]): HistoryRecord[] {
  const out: HistoryRecord[] = [];
  const bySeq = new Map<number, number>();
  for (const record of records) {
    if (isRoomEvent(record)) {
      out.push(record);
    } else if (record.removed) {
      const at = bySeq.get(record.seq);
      if (at !== undefined) out[at] = record;
    } else {
      bySeq.set(record.seq, out.length);
      out.push(record);
    }
  }
  return out;
}

/** A file reference with exactly its own fields, in a fixed order. */
function storedFile(file: FileRef): FileRef {
  const { id, name, size, type, sha256, image } = file;
  return image === undefined
    ? { id, name, size, type, sha256 }
    : { id, name, size, type, sha256, image: { width: image.width, height: image.height } };
}

function checksum(json: string): string {
  return hash('sha1', json, 'hex').slice(0, CHECKSUM_LENGTH);
}

/** Offset just past the last newline: everything after it is a record still being (or never fully) written. */
export function lastCompleteLineEnd(bytes: Buffer): number {
  return bytes.lastIndexOf(NEWLINE) + 1;
}

/** Parses the complete lines in `bytes[0, end)`; counts lines that are not valid records. */
export function parseRecords(bytes: Buffer, end: number): { records: HistoryRecord[]; corrupt: number } {
  const records: HistoryRecord[] = [];
  let corrupt = 0;
  let start = 0;
  while (start < end) {
    const newline = bytes.indexOf(NEWLINE, start);
    const line = bytes.toString('utf8', start, newline);
    start = newline + 1;
    if (line === '') continue;
    const record = decodeRecord(line);
    if (record) records.push(record);
    else corrupt++;
  }
  return { records, corrupt };
}

function decodeRecord(line: string): HistoryRecord | null {
  if (line.charCodeAt(CHECKSUM_LENGTH) !== 0x20) return null;
  const json = line.slice(CHECKSUM_LENGTH + 1);
  if (checksum(json) !== line.slice(0, CHECKSUM_LENGTH)) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  return isChatMessage(value) || isEvent(value) ? value : null;
}

function isChatMessage(value: unknown): value is ChatMessage {
  if (typeof value !== 'object' || value === null || 'afterSeq' in value) return false;
  const m = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(m.seq) &&
    (m.seq as number) > 0 &&
    Number.isFinite(m.ts) &&
    typeof m.text === 'string' &&
    (m.clientMsgId === undefined || typeof m.clientMsgId === 'string') &&
    (m.files === undefined || (Array.isArray(m.files) && m.files.length <= MAX_FILES_PER_MESSAGE && m.files.every(isFileRef))) &&
    (m.removed === undefined || m.removed === true) &&
    isParticipant(m.from)
  );
}

/**
 * A room event with every field its kind shows. The room wrote it; this keeps a damaged or foreign line
 * from reaching a page as something it is not.
 */
function isEvent(value: unknown): value is RoomEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (!EVENT_TYPES.includes(e.type as RoomEvent['type']) || !Number.isFinite(e.ts) || !Number.isSafeInteger(e.afterSeq)) return false;
  if (e.type === 'moderation') return isModeration(e);
  return isParticipant(e.participant) && (e.type !== 'rename' || typeof e.oldName === 'string');
}

function isModeration(e: Record<string, unknown>): boolean {
  switch (e.action) {
    case 'mute':
      return isTarget(e.target) && (e.until === null || Number.isFinite(e.until));
    case 'unmute':
    case 'unban':
      return isTarget(e.target);
    case 'lock':
    case 'unlock':
      return true;
    case 'waiting-room':
      return typeof e.on === 'boolean';
    case 'slow-mode':
      return Number.isSafeInteger(e.seconds);
    case 'pin':
      return e.change === 'set' || e.change === 'changed' || e.change === 'removed';
    case 'room-name':
      return typeof e.name === 'string' && typeof e.oldName === 'string';
    default:
      return false;
  }
}

function isTarget(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return typeof t.name === 'string' && (t.id === undefined || typeof t.id === 'string');
}

function isParticipant(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.id === 'string' && typeof p.name === 'string' && CLIENT_KINDS.includes(p.kind as ClientKind);
}
