// Files shared in the room as every side sees them: what a whole `FileRef` is, where a file's bytes and
// its preview are, how a size is written, which pictures a browser may show, and the room's upload API
// (routes, answers and refusals) that the page speaks. docs/protocol.md describes the API for people.
// Browser-safe.
import type { FileRef } from './model.js';

/** Every file route is under this path. */
export const FILES_PREFIX = '/files/';
/** `POST` creates an upload; `/files/uploads/<id>` takes its bytes, `/files/uploads/<id>/preview` its preview. */
export const UPLOADS_PATH = '/files/uploads';
/** `/files/previews/<id>`: a picture's small preview. */
export const PREVIEWS_PATH = '/files/previews';
/** Header of the upload API: where the bytes of a `PUT` start, and how many the room holds. */
export const UPLOAD_OFFSET_HEADER = 'Upload-Offset';

/** File and upload ids: base64url of at least 128 random bits. */
export const FILE_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
/** Files one message may carry. */
export const MAX_FILES_PER_MESSAGE = 20;
/** Largest file the host window shares as bytes (a pasted picture has no path on disk); larger ones need a path. */
export const MAX_PASTED_BYTES = 32 * 1024 * 1024;

/**
 * Pictures a browser shows safely: these may be served inline and previewed. Everything else (HTML,
 * SVG, XML, scripts, PDF...) is only ever served as an attachment.
 */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'];
/** Formats a preview may be in (what a browser's canvas encodes). */
export const PREVIEW_TYPES: readonly string[] = ['image/webp', 'image/jpeg', 'image/png'];

/**
 * Whether `value` (read back from the room's own files: the history log, a file's record) is a whole
 * `FileRef`: a damaged or foreign one must not reach a page as something it is not.
 */
export function isFileRef(value: unknown): value is FileRef {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const image = f.image as Record<string, unknown> | undefined;
  return (
    typeof f.id === 'string' &&
    FILE_ID_PATTERN.test(f.id) &&
    typeof f.name === 'string' &&
    Number.isSafeInteger(f.size) &&
    (f.size as number) >= 0 &&
    typeof f.type === 'string' &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256) &&
    (image === undefined ||
      (typeof image === 'object' && image !== null && Number.isSafeInteger(image.width) && Number.isSafeInteger(image.height)))
  );
}

/** Path of a file's bytes on the room's origin; the name is only there for people and downloaders. */
export function fileUrl(file: Pick<FileRef, 'id' | 'name'>): string {
  return `${FILES_PREFIX}${file.id}/${encodeURIComponent(file.name)}`;
}

/** The same bytes, always as an attachment (a picture's download button). */
export function downloadUrl(file: Pick<FileRef, 'id' | 'name'>): string {
  return `${fileUrl(file)}?download`;
}

/** Path of a picture's preview (only for a `FileRef` with `image`). */
export function previewUrl(file: Pick<FileRef, 'id'>): string {
  return `${PREVIEWS_PATH}/${file.id}`;
}

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** "532 B", "1.4 MB", "2 GB": 1024-based, as file managers show sizes; one decimal under 10. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${UNITS[unit]}`;
}

/** What kind of icon a file card shows. */
export type FileKind = 'image' | 'video' | 'audio' | 'pdf' | 'archive' | 'text' | 'document' | 'other';

const ARCHIVES = /(zip|x-7z|x-rar|x-tar|gzip|x-bzip2|x-xz|zstd|x-apple-diskimage|vnd\.android\.package-archive)/;
const DOCUMENTS = /(msword|officedocument|opendocument|vnd\.ms-|rtf|epub)/;

export function fileKind(type: string): FileKind {
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type === 'application/pdf') return 'pdf';
  if (ARCHIVES.test(type)) return 'archive';
  if (type.startsWith('text/') || type === 'application/json') return 'text';
  if (DOCUMENTS.test(type)) return 'document';
  return 'other';
}

// ---- the upload API ---------------------------------------------------------------------------------

/** `POST /files/uploads` body. The sender's session token goes in `Authorization: Bearer <session>`. */
export interface UploadRequest {
  name: string;
  /** Bytes the file has; the room refuses more or fewer. */
  size: number;
  /** MIME type as the browser reports it ('' when unknown). */
  type: string;
}

/** What the upload routes answer (201 on create, 200 on a `PUT` or `HEAD`-like `GET`). */
export interface UploadState {
  id: string;
  /** Bytes the room holds; a resumed `PUT` starts here. */
  offset: number;
  size: number;
  complete: boolean;
}

/** Why the room refused an upload; the page shows each in words. */
export type UploadErrorCode =
  | 'unauthorized' // 401: no valid session (join the room first; a PIN room's files need the PIN)
  | 'bad-request' // 400: malformed request
  | 'too-large' // 413: the file is over the room's size limit
  | 'storage-full' // 413: the room's storage quota for files is used up
  | 'disk-full' // 413: the host's disk would be left with too little free space
  | 'too-many-uploads' // 429: uploads at once per person
  | 'rate-limited' // 429: this address sent too much lately; try again after `Retry-After`
  | 'not-found' // 404: no such upload (finished, cancelled or expired)
  | 'offset-mismatch' // 409: the bytes must start at the offset the room holds (in `Upload-Offset`)
  | 'length-required' // 411: a `PUT` must say its `Content-Length`
  | 'timeout' // 408: the bytes came too slowly; what arrived is kept, resume
  | 'bad-preview'; // 415: a preview must be a small WebP, JPEG or PNG

/** The JSON body of every refusal of the upload API. */
export interface UploadError {
  error: { code: UploadErrorCode; message: string };
}
