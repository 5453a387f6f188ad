// The room's files on disk: one folder (`<dataDir>/files`, or a temporary folder for a memory-only
// room, removed when the room stops) holding, per file id, the bytes (`<id>`), a small JSON record
// (`<id>.json`: the FileRef, the message that shared it, the preview's format) and the picture preview
// (`<id>.preview`); uploads in progress are in `tmp/`. File names on disk are ids only: a name a
// person gave is never part of a path. The store keeps the records in memory for lookups and counts the
// bytes it holds against the room's quota. Like the rest of the data directory, the folder and its files
// are private to the user (private-files.ts). docs/storage.md describes the layout.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_ID_PATTERN, INLINE_IMAGE_TYPES, isFileRef } from '../../common/files.js';
import type { FileRef } from '../../common/model.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, privateDir } from './private-files.js';

/** A stored file as the room serves it. */
export interface StoredFile {
  ref: FileRef;
  /** The message that shared it; null while it waits to be sent. */
  seq: number | null;
  /** The preview's format and size when there is one. */
  previewType: string | null;
  previewBytes: number;
}

/** Bytes a stored file takes on disk, its preview included. */
function diskBytes(file: StoredFile): number {
  return file.ref.size + file.previewBytes;
}

interface FileRecord {
  v: 1;
  ref: FileRef;
  seq: number | null;
  previewType: string | null;
}

const RECORD_SUFFIX = '.json';
const PREVIEW_SUFFIX = '.preview';
const TMP = 'tmp';

/** 144 random bits, base64url: a file id (and the upload's), unguessable. */
export function newFileId(): string {
  return randomBytes(18).toString('base64url');
}

/** Whether a picture of this type may be shown inline by a browser (common/files.ts). */
export function isInlineImage(type: string): boolean {
  return INLINE_IMAGE_TYPES.includes(type);
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private used = 0;

  /**
   * @param dir the folder (created when missing)
   * @param temporary remove the whole folder on `close()`
   */
  private constructor(
    readonly dir: string,
    private readonly temporary: boolean,
  ) {}

  /**
   * Opens the store in `dir`, or in a new temporary folder when `dir` is undefined. Uploads left in
   * progress by an earlier run are deleted, and so are files no stored message shares: never sent, or
   * sent after `lastStoredSeq` (the history log's last message: they were not saved).
   */
  static open(dir: string | undefined, lastStoredSeq = 0, onWarning: (message: string) => void = () => {}): FileStore {
    const store = dir === undefined ? new FileStore(mkdtempSync(join(tmpdir(), 'lan-chat-files-')), true) : new FileStore(dir, false);
    privateDir(store.dir);
    rmSync(join(store.dir, TMP), { recursive: true, force: true });
    mkdirSync(join(store.dir, TMP), { mode: PRIVATE_DIR_MODE });
    store.load(lastStoredSeq, onWarning);
    return store;
  }

  /** Bytes the stored files and previews take. */
  get usedBytes(): number {
    return this.used;
  }

  get count(): number {
    return this.files.size;
  }

  get(id: string): StoredFile | undefined {
    return FILE_ID_PATTERN.test(id) ? this.files.get(id) : undefined;
  }

  path(id: string): string {
    return join(this.dir, id);
  }

  previewPath(id: string): string {
    return join(this.dir, id + PREVIEW_SUFFIX);
  }

  /** Where an upload's bytes are written until it is complete. */
  tempPath(id: string): string {
    return join(this.dir, TMP, id);
  }

  tempPreviewPath(id: string): string {
    return join(this.dir, TMP, id + PREVIEW_SUFFIX);
  }

  /** Bytes free for unprivileged users on the disk that holds the store. */
  async freeBytes(): Promise<number> {
    const stats = await statfs(this.dir);
    return stats.bavail * stats.bsize;
  }

  /**
   * Takes a complete upload in: its bytes (flushed to disk by the caller) and preview move from
   * `tmp/` into place, then its record is written. Not yet shared (`seq` null).
   */
  add(ref: FileRef, previewType: string | null): StoredFile {
    renameSync(this.tempPath(ref.id), this.path(ref.id));
    let previewBytes = 0;
    if (previewType !== null) {
      renameSync(this.tempPreviewPath(ref.id), this.previewPath(ref.id));
      previewBytes = statSync(this.previewPath(ref.id)).size;
    }
    syncDirectory(this.dir);
    const stored: StoredFile = { ref, seq: null, previewType, previewBytes };
    this.writeRecord(stored);
    this.files.set(ref.id, stored);
    this.used += diskBytes(stored);
    return stored;
  }

  /** A preview that arrived after the file was complete (but before it was shared). */
  addPreview(id: string, previewType: string, image: { width: number; height: number }): void {
    const stored = this.files.get(id);
    if (stored === undefined) return;
    renameSync(this.tempPreviewPath(id), this.previewPath(id));
    this.used -= stored.previewBytes;
    stored.previewBytes = statSync(this.previewPath(id)).size;
    stored.previewType = previewType;
    stored.ref = { ...stored.ref, image };
    this.used += stored.previewBytes;
    this.writeRecord(stored);
  }

  /** The files went out with message `seq`: from now on a stored message shares them. */
  shared(ids: readonly string[], seq: number): void {
    for (const id of ids) {
      const stored = this.files.get(id);
      if (stored === undefined) continue;
      stored.seq = seq;
      this.writeRecord(stored);
    }
  }

  /** Deletes a file, its preview and its record; false when there is no such file. */
  remove(id: string): boolean {
    const stored = this.files.get(id);
    if (stored === undefined) return false;
    this.files.delete(id);
    this.used -= diskBytes(stored);
    for (const path of [this.recordPath(id), this.path(id), this.previewPath(id)]) rmSync(path, { force: true });
    return true;
  }

  /** Deletes every file a message shared (the history was cleared); files waiting to be sent stay. */
  removeShared(): number {
    let removed = 0;
    for (const [id, stored] of [...this.files]) {
      if (stored.seq !== null && this.remove(id)) removed++;
    }
    return removed;
  }

  /** A temporary store removes its folder; a persistent one keeps everything but uploads in progress. */
  close(): void {
    rmSync(this.temporary ? this.dir : join(this.dir, TMP), { recursive: true, force: true });
    this.files.clear();
    this.used = 0;
  }

  private recordPath(id: string): string {
    return join(this.dir, id + RECORD_SUFFIX);
  }

  /** Written to a temporary name and renamed, so a crash leaves the old record or the new, never half. */
  private writeRecord(stored: StoredFile): void {
    const record: FileRecord = { v: 1, ref: stored.ref, seq: stored.seq, previewType: stored.previewType };
    const temporary = join(this.dir, TMP, `${stored.ref.id}${RECORD_SUFFIX}`);
    writeFileSync(temporary, JSON.stringify(record), { mode: PRIVATE_FILE_MODE });
    renameSync(temporary, this.recordPath(stored.ref.id));
  }

  private load(lastStoredSeq: number, onWarning: (message: string) => void): void {
    const names = new Set(readdirSync(this.dir));
    for (const name of names) {
      if (!name.endsWith(RECORD_SUFFIX)) continue;
      const id = name.slice(0, -RECORD_SUFFIX.length);
      const record = readRecord(join(this.dir, name), id);
      const size = names.has(id) ? statSync(this.path(id)).size : -1;
      if (record === null || size !== record.ref.size) onWarning(`files: ${name} does not match a stored file; the file is removed`);
      // Kept only while a stored message shares it.
      if (record === null || size !== record.ref.size || record.seq === null || record.seq > lastStoredSeq) {
        for (const path of [join(this.dir, name), this.path(id), this.previewPath(id)]) rmSync(path, { force: true });
        continue;
      }
      const previewType = record.previewType !== null && names.has(id + PREVIEW_SUFFIX) ? record.previewType : null;
      const previewBytes = previewType === null ? 0 : statSync(this.previewPath(id)).size;
      const ref = previewType === null ? withoutImage(record.ref) : record.ref;
      const stored: StoredFile = { ref, seq: record.seq, previewType, previewBytes };
      this.files.set(id, stored);
      this.used += diskBytes(stored);
    }
    // Bytes whose record was never written (a crash between the two) belong to no message.
    for (const name of names) {
      const id = name.endsWith(PREVIEW_SUFFIX) ? name.slice(0, -PREVIEW_SUFFIX.length) : name;
      if (FILE_ID_PATTERN.test(id) && !this.files.has(id)) rmSync(join(this.dir, name), { force: true });
    }
  }
}

function withoutImage(ref: FileRef): FileRef {
  const { image: _image, ...rest } = ref;
  return rest;
}

function readRecord(path: string, id: string): FileRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  const record = value as Partial<FileRecord> | null;
  if (record?.v !== 1 || !isFileRef(record.ref) || record.ref.id !== id) return null;
  if (record.seq !== null && !Number.isSafeInteger(record.seq)) return null;
  if (record.previewType !== null && typeof record.previewType !== 'string') return null;
  return record as FileRecord;
}

/** Makes a rename in `dir` durable: the directory entry itself is flushed (not possible on Windows). */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
