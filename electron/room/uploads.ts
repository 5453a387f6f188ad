// Files on their way in. An upload is declared first (name, size, type) and checked against the limits
// then: file size, the room's storage quota, the disk's free space, uploads at once per person, bytes
// per address. Its bytes may come in several pieces (a phone that lost Wi-Fi resumes at the offset the
// room holds); each piece is streamed straight to a temporary file, the SHA-256 computed on the way.
// Once every byte is there it is flushed to disk and moved into the store, where it waits for the
// message that shares it (`take`): the message reaches the room only after the whole file is stored.
// An upload left alone for `uploadExpiryMs`, finished or not, is dropped with its bytes.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { formatFileSize, MAX_FILES_PER_MESSAGE, PREVIEW_TYPES, type UploadErrorCode, type UploadState } from '../../common/files.js';
import type { RoomSettings } from '../../common/host-view.js';
import type { Limits } from '../../common/limits.js';
import type { FileRef } from '../../common/model.js';
import { sanitizeFileName } from '../../common/sanitize.js';
import { messageOf } from '../../common/errors.js';
import { isInlineImage, newFileId, type FileStore, type StoredFile } from './file-store.js';
import { fileType, sniffImage, SNIFF_BYTES } from './file-types.js';
import { PRIVATE_FILE_MODE } from './private-files.js';
import { UploadBudget } from './upload-budget.js';
import { writePiece, type Piece } from './upload-writer.js';

/** Who uploads: a participant (by id) from an address; the host is not limited per person or address. */
export interface Uploader {
  id: string;
  address: string;
  host?: boolean;
}

/** Why an upload cannot go on: the HTTP status and the code and sentence of the answer. */
export interface UploadRefusal {
  status: number;
  code: UploadErrorCode;
  message: string;
  retryAfterMs?: number;
}

export interface Upload {
  readonly id: string;
  readonly owner: string;
  readonly address: string;
  readonly name: string;
  readonly size: number;
  readonly claimedType: string;
  /** Bytes written to the temporary file so far. */
  offset: number;
  readonly hash: Hash;
  /** The file's first bytes, for recognising a picture. */
  head: Buffer;
  /** The piece being received now, if any. */
  writing: Piece | null;
  /** Set once complete: the file in the store, waiting to be shared. */
  stored: StoredFile | null;
  preview: { type: string; width: number; height: number } | null;
  /** Bytes counted against the quota (and the address's budget) until the file is stored. */
  readonly reserved: number;
  expiry: NodeJS.Timeout | undefined;
}

/** How a piece ended: all its bytes written, cut short (the source ended or was stopped), or refused. */
export type ReceiveResult = { kind: 'received' } | { kind: 'stopped' } | { kind: 'refused'; refusal: UploadRefusal };

export interface UploadsOptions {
  limits: Pick<Limits, 'uploadExpiryMs' | 'maxPreviewBytes'>;
  /** The room's settings now (the file limits may change while it runs). */
  settings: () => Pick<RoomSettings, 'maxFileBytes' | 'fileStorageBytes' | 'maxUploadsAtOnce' | 'uploadBytesPerHour' | 'minFreeDiskBytes'>;
}

/** Longest name accepted in a request before it is cleaned (the cleaned one is shorter still). */
const MAX_REQUEST_NAME = 1024;
const MAX_IMAGE_SIDE = 1 << 16;

export class Uploads {
  private readonly uploads = new Map<string, Upload>();
  private readonly budget: UploadBudget;
  /** Bytes reserved by uploads not yet stored. */
  private reserved = 0;

  constructor(
    private readonly store: FileStore,
    private readonly options: UploadsOptions,
  ) {
    this.budget = new UploadBudget(() => options.settings().uploadBytesPerHour);
  }

  /** Checks a new upload against the limits and makes room for it; a refusal says which limit. */
  async start(by: Uploader, request: unknown): Promise<Upload | UploadRefusal> {
    const { name, size, type } = (request ?? {}) as { name?: unknown; size?: unknown; type?: unknown };
    if (typeof name !== 'string' || name.length > MAX_REQUEST_NAME || !Number.isSafeInteger(size) || (size as number) < 0) {
      return refusal(400, 'bad-request', '"name" must be a string and "size" a whole number of bytes.');
    }
    if (type !== undefined && typeof type !== 'string') return refusal(400, 'bad-request', '"type" must be a string.');
    const bytes = size as number;
    const settings = this.options.settings();
    if (bytes > settings.maxFileBytes) {
      return refusal(
        413,
        'too-large',
        `The file is ${formatFileSize(bytes)}; the room takes files up to ${formatFileSize(settings.maxFileBytes)}.`,
      );
    }
    if (!by.host && this.running(by.id) >= settings.maxUploadsAtOnce) {
      return refusal(429, 'too-many-uploads', `At most ${settings.maxUploadsAtOnce} uploads at once per person.`);
    }
    if (this.store.usedBytes + this.reserved + bytes > settings.fileStorageBytes) {
      return refusal(413, 'storage-full', `The room's storage for files (${formatFileSize(settings.fileStorageBytes)}) is full.`);
    }
    // Reserved before the disk is asked, so uploads started meanwhile see each other.
    this.reserved += bytes;
    let free: number;
    try {
      free = await this.store.freeBytes();
    } catch {
      free = Infinity;
    }
    // What this upload and those still in progress will write comes off what is free now.
    if (free - this.pendingBytes() - bytes < settings.minFreeDiskBytes) {
      this.reserved -= bytes;
      return refusal(413, 'disk-full', `The host's disk is nearly full; it keeps ${formatFileSize(settings.minFreeDiskBytes)} free.`);
    }
    const wait = by.host ? 0 : this.budget.take(by.address, bytes);
    if (wait > 0) {
      this.reserved -= bytes;
      const refused = refusal(
        429,
        'rate-limited',
        `Too much uploaded from ${by.address} lately; try again in ${Math.ceil(wait / 60_000)} min.`,
      );
      return { ...refused, retryAfterMs: wait };
    }
    const upload: Upload = {
      id: newFileId(),
      owner: by.id,
      address: by.address,
      name: sanitizeFileName(name),
      size: bytes,
      claimedType: typeof type === 'string' ? type : '',
      offset: 0,
      hash: createHash('sha256'),
      head: Buffer.alloc(0),
      writing: null,
      stored: null,
      preview: null,
      reserved: bytes,
      expiry: undefined,
    };
    closeSync(openSync(this.store.tempPath(upload.id), 'w', PRIVATE_FILE_MODE));
    this.uploads.set(upload.id, upload);
    this.touch(upload);
    if (bytes === 0) await this.complete(upload);
    return upload;
  }

  /** `owner`'s upload `id`, while it exists. */
  get(id: string, owner: string): Upload | undefined {
    const upload = this.uploads.get(id);
    return upload?.owner === owner ? upload : undefined;
  }

  state(upload: Upload): UploadState {
    return { id: upload.id, offset: upload.offset, size: upload.size, complete: upload.stored !== null };
  }

  /**
   * Writes what `source` sends, at most `length` bytes, at the upload's offset. More than the file has
   * left is refused and ends the upload. `onBytes` hears each piece as it arrives (for a watchdog).
   */
  async receive(upload: Upload, source: Readable, length: number, onBytes?: (count: number) => void): Promise<ReceiveResult> {
    if (upload.stored !== null) return { kind: 'received' };
    if (length > upload.size - upload.offset) {
      this.drop(upload);
      return {
        kind: 'refused',
        refusal: refusal(413, 'too-large', `More bytes than the ${formatFileSize(upload.size)} the upload declared.`),
      };
    }
    const piece = writePiece(this.store.tempPath(upload.id), upload.offset, source, length, (chunk) => {
      upload.hash.update(chunk);
      if (upload.head.length < SNIFF_BYTES)
        upload.head = Buffer.concat([upload.head, chunk.subarray(0, SNIFF_BYTES)]).subarray(0, SNIFF_BYTES);
      onBytes?.(chunk.length);
    });
    upload.writing = piece;
    const { received, overflow, error: writeError } = await piece.done;
    upload.writing = null;
    // Every byte handed to the file was written unless it failed, so the offset stays exact for a resume.
    upload.offset += received;
    this.touch(upload);
    if (writeError !== null || overflow) {
      this.drop(upload);
      return {
        kind: 'refused',
        refusal: overflow
          ? refusal(413, 'too-large', 'More bytes than the request declared.')
          : refusal(413, 'disk-full', `The host could not store the file: ${messageOf(writeError)}`),
      };
    }
    if (upload.offset === upload.size) await this.complete(upload);
    return received === length ? { kind: 'received' } : { kind: 'stopped' };
  }

  /** Ends the piece being received, if any (a newer request for the same upload wins), once it is written. */
  async stopWriting(upload: Upload): Promise<void> {
    const writing = upload.writing;
    if (writing === null) return;
    writing.stop();
    await writing.done;
  }

  /**
   * Stores a picture's preview (bytes a browser made: WebP, JPEG or PNG) and the original's size in
   * pixels. Kept only if the file turns out to be a picture a browser shows.
   */
  setPreview(upload: Upload, bytes: Buffer, width: number, height: number): UploadRefusal | null {
    const type = sniffImage(bytes);
    const { maxPreviewBytes } = this.options.limits;
    if (type === null || !PREVIEW_TYPES.includes(type) || bytes.length > maxPreviewBytes) {
      return refusal(415, 'bad-preview', `A preview must be a WebP, JPEG or PNG picture of at most ${formatFileSize(maxPreviewBytes)}.`);
    }
    if (!isSide(width) || !isSide(height)) return refusal(400, 'bad-request', '"width" and "height" must be whole numbers of pixels.');
    if (upload.stored !== null && !isInlineImage(upload.stored.ref.type)) return null;
    writeFileSync(this.store.tempPreviewPath(upload.id), bytes, { mode: PRIVATE_FILE_MODE });
    upload.preview = { type, width, height };
    if (upload.stored !== null) this.store.addPreview(upload.id, type, { width, height });
    this.touch(upload);
    return null;
  }

  /** Cancels an upload once the piece it is receiving (if any) is written, removing what it stored. */
  async cancel(upload: Upload): Promise<void> {
    await this.stopWriting(upload);
    this.drop(upload);
  }

  /**
   * The files of complete uploads `ids` of `owner`, taken out of the uploads (each can be sent once),
   * or null when one of them is not such an upload (then none is taken).
   */
  take(owner: string, ids: readonly unknown[]): FileRef[] | null {
    if (ids.length === 0 || ids.length > MAX_FILES_PER_MESSAGE || new Set(ids).size !== ids.length) return null;
    const uploads: Upload[] = [];
    for (const id of ids) {
      const upload = typeof id === 'string' ? this.get(id, owner) : undefined;
      if (upload === undefined || upload.stored === null) return null;
      uploads.push(upload);
    }
    for (const upload of uploads) {
      clearTimeout(upload.expiry);
      this.uploads.delete(upload.id);
    }
    return uploads.map((upload) => upload.stored!.ref);
  }

  /** The files went out with message `seq`. */
  shared(files: readonly FileRef[], seq: number): void {
    this.store.shared(
      files.map((file) => file.id),
      seq,
    );
  }

  /** `owner` left the room: its uploads go too. */
  forget(owner: string): void {
    for (const upload of this.uploads.values()) {
      if (upload.owner === owner) void this.cancel(upload);
    }
  }

  /** The room stops: every upload ends (the store removes the temporary files). */
  close(): void {
    for (const upload of this.uploads.values()) {
      upload.writing?.stop();
      clearTimeout(upload.expiry);
    }
    this.uploads.clear();
    this.reserved = 0;
  }

  /** Uploads of `owner` still receiving bytes. */
  private running(owner: string): number {
    let count = 0;
    for (const upload of this.uploads.values()) if (upload.owner === owner && upload.stored === null) count++;
    return count;
  }

  /** Bytes uploads in progress will still write. */
  private pendingBytes(): number {
    let bytes = 0;
    for (const upload of this.uploads.values()) if (upload.stored === null) bytes += upload.size - upload.offset;
    return bytes;
  }

  /** Every byte is in: flushed to disk, recognised, hashed, moved into the store. */
  private async complete(upload: Upload): Promise<void> {
    const file = await open(this.store.tempPath(upload.id), 'r+');
    try {
      await file.sync();
    } finally {
      await file.close();
    }
    const type = fileType(upload.head, upload.claimedType, upload.name);
    const preview = upload.preview !== null && isInlineImage(type) ? upload.preview : null;
    if (preview === null) rmSync(this.store.tempPreviewPath(upload.id), { force: true });
    const ref: FileRef = { id: upload.id, name: upload.name, size: upload.size, type, sha256: upload.hash.digest('hex') };
    if (preview !== null) ref.image = { width: preview.width, height: preview.height };
    upload.stored = this.store.add(ref, preview?.type ?? null);
    this.reserved -= upload.reserved;
  }

  /** Forgets an upload and deletes what it stored; the unsent part of its size goes back to the budget. */
  private drop(upload: Upload): void {
    if (this.uploads.get(upload.id) !== upload) return;
    this.uploads.delete(upload.id);
    clearTimeout(upload.expiry);
    if (upload.stored === null) {
      this.reserved -= upload.reserved;
      this.budget.refund(upload.address, upload.size - upload.offset);
      rmSync(this.store.tempPath(upload.id), { force: true });
      rmSync(this.store.tempPreviewPath(upload.id), { force: true });
    } else {
      this.store.remove(upload.id);
    }
  }

  /** Restarts the upload's expiry. */
  private touch(upload: Upload): void {
    clearTimeout(upload.expiry);
    upload.expiry = setTimeout(() => {
      if (upload.writing !== null) this.touch(upload);
      else this.drop(upload);
    }, this.options.limits.uploadExpiryMs);
    upload.expiry.unref();
  }
}

function refusal(status: number, code: UploadErrorCode, message: string): UploadRefusal {
  return { status, code, message };
}

function isSide(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0 && value <= MAX_IMAGE_SIDE;
}

/** Whether `start` refused. */
export function isRefusal(value: Upload | UploadRefusal): value is UploadRefusal {
  return 'code' in value;
}
