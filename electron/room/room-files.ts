// Files in the room, put together: the store (file-store.ts), the uploads on their way in (uploads.ts)
// and their HTTP routes (file-routes.ts), opened when the room starts listening and closed when it
// stops. Also the host's way to share: a file on this computer (by path: the desktop app's picker and
// drops, checked here) or bytes (a pasted picture), stored exactly as an upload is.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, isAbsolute } from 'node:path';
import { Readable } from 'node:stream';
import { MAX_FILES_PER_MESSAGE } from '../../common/files.js';
import type { Limits } from '../../common/limits.js';
import type { FileRef } from '../../common/model.js';
import { messageOf } from '../../common/errors.js';
import { FileRoutes } from './file-routes.js';
import { FileStore, type StoredFile } from './file-store.js';
import type { RouteSet } from './http-router.js';
import { HOST_ID } from './roster.js';
import { isRefusal, Uploads, type UploadsOptions } from './uploads.js';

/** A preview made by the window that shares a picture (as a page makes one). */
export interface PreviewInput {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** What the host shares: a file on this computer, or bytes (a pasted picture). */
export type HostFile =
  { path: string; preview?: PreviewInput } | { bytes: Uint8Array; name: string; type?: string; preview?: PreviewInput };

export interface RoomFilesOptions extends UploadsOptions {
  /** The folder to keep files in; omitted: a temporary folder, removed when the room closes. */
  dir?: string;
  limits: UploadsOptions['limits'] & Pick<Limits, 'uploadStallMs' | 'minUploadBytesPerSecond'>;
  /** The last message the history log holds: files shared after it were not saved and are removed on open. */
  lastStoredSeq(): number;
  /** The participant a session token belongs to. */
  member(session: string): string | undefined;
  onWarning(message: string): void;
}

export class RoomFiles {
  private store: FileStore | null = null;
  private uploads: Uploads | null = null;
  private routes: FileRoutes | null = null;

  constructor(private readonly options: RoomFilesOptions) {}

  /** The HTTP routes; while the room is closed they know no path (the server is not listening then either). */
  readonly routeSet: RouteSet = {
    handle: (req: IncomingMessage, res: ServerResponse, path: string) => {
      if (this.routes !== null) return this.routes.handle(req, res, path);
      return false;
    },
  };

  open(): void {
    if (this.store !== null) return;
    const { options } = this;
    let store: FileStore;
    try {
      store = FileStore.open(options.dir, options.lastStoredSeq(), options.onWarning);
    } catch (error) {
      // Files still work this run, in a temporary folder; the host is told why they are not kept.
      options.onWarning(`files: cannot use ${options.dir}: ${messageOf(error)}; shared files are kept only while the room runs`);
      store = FileStore.open(undefined);
    }
    const uploads = new Uploads(store, options);
    this.store = store;
    this.uploads = uploads;
    this.routes = new FileRoutes({ store, uploads, member: options.member, limits: options.limits, onWarning: options.onWarning });
  }

  close(): void {
    this.uploads?.close();
    this.store?.close();
    this.store = this.uploads = this.routes = null;
  }

  /** A shared file and where its bytes are, for the host window; undefined for anything else. */
  lookup(id: string): { file: StoredFile; path: string; previewPath: string } | undefined {
    const file = this.store?.get(id);
    if (file === undefined || file.seq === null) return undefined;
    return { file, path: this.store!.path(id), previewPath: this.store!.previewPath(id) };
  }

  /** Takes `owner`'s complete uploads `ids` for a message; null when one is not such an upload. */
  take(owner: string, ids: readonly unknown[]): FileRef[] | null {
    return this.uploads?.take(owner, ids) ?? null;
  }

  /** The files went out with message `seq` (store-then-deliver: before the message is delivered). */
  shared(files: readonly FileRef[], seq: number): void {
    this.uploads?.shared(files, seq);
  }

  /** A participant left: its uploads go too. */
  forget(owner: string): void {
    this.uploads?.forget(owner);
  }

  /** Deletes the files of removed messages. */
  remove(files: readonly FileRef[]): void {
    for (const file of files) this.store?.remove(file.id);
  }

  /** The history was cleared: every shared file is deleted. */
  clear(): void {
    this.store?.removeShared();
  }

  /**
   * Stores files the host shares, as uploads of the host (no per-person or per-address limit; size,
   * quota and free space still apply). Throws a `RangeError` saying what is wrong (not a file, too
   * large, storage full, the file changed while read), having stored none of them.
   */
  async ingest(files: readonly HostFile[]): Promise<FileRef[]> {
    const uploads = this.uploads;
    if (uploads === null) throw new RangeError('the room is not running');
    if (files.length === 0 || files.length > MAX_FILES_PER_MESSAGE)
      throw new RangeError(`share 1 to ${MAX_FILES_PER_MESSAGE} files at once`);
    const started: string[] = [];
    try {
      for (const file of files) await this.ingestOne(uploads, file, started);
    } catch (error) {
      for (const id of started) {
        const upload = uploads.get(id, HOST_ID);
        if (upload !== undefined) await uploads.cancel(upload);
      }
      throw error;
    }
    return uploads.take(HOST_ID, started)!;
  }

  /** Stores one file; its upload id goes into `started` as soon as there is one. */
  private async ingestOne(uploads: Uploads, file: HostFile, started: string[]): Promise<void> {
    let name: string;
    let size: number;
    let type = '';
    let source: () => Readable;
    if ('path' in file) {
      if (!isAbsolute(file.path)) throw new RangeError(`not an absolute path: ${file.path}`);
      const stats = await stat(file.path).catch(() => null);
      if (stats === null || !stats.isFile()) throw new RangeError(`not a file that can be shared: ${file.path}`);
      name = basename(file.path);
      size = stats.size;
      source = () => createReadStream(file.path, { start: 0, end: Math.max(0, size - 1) });
    } else {
      name = file.name;
      size = file.bytes.byteLength;
      type = file.type ?? '';
      source = () => Readable.from([Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)]);
    }
    const upload = await uploads.start({ id: HOST_ID, address: '', host: true }, { name, size, type });
    if (isRefusal(upload)) throw new RangeError(upload.message);
    started.push(upload.id);
    if (file.preview !== undefined) {
      const { bytes, width, height } = file.preview;
      const refused = uploads.setPreview(upload, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), width, height);
      if (refused !== null) this.options.onWarning(`files: the preview of ${name} was not kept: ${refused.message}`);
    }
    if (size > 0) {
      const result = await uploads.receive(upload, source(), size);
      if (result.kind === 'refused') throw new RangeError(result.refusal.message);
      if (upload.stored === null) throw new RangeError(`${name} changed while it was read; try again`);
    }
  }
}
