// What type a shared file is, decided by the room and not by what a sender claims where it matters: a
// picture is recognised by its first bytes (only then may it be shown inline or previewed), a claimed
// type is reduced to a plain `type/subtype`, and a type a browser could run is never sent as such.
import mime from 'mime-types';
import { INLINE_IMAGE_TYPES } from '../../common/files.js';

/** Bytes of a file's start that `sniffImage` needs. */
export const SNIFF_BYTES = 32;

/** Longest MIME type kept; longer ones are not real types. */
const MAX_TYPE_LENGTH = 100;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * Types a browser may run or render as a page (HTML, XML and SVG, scripts, PDF, Flash...): sent as
 * `application/octet-stream`, besides being attachments under `Content-Security-Policy: sandbox`.
 */
const ACTIVE_TYPE = /(html|xml|svg|javascript|ecmascript|x-sh$|x-csh$|pdf|shockwave|x-msdownload|x-httpd|wasm|vnd\.mozilla)/;

/** The safe picture format `head` (a file's first bytes) is in, or null. */
export function sniffImage(head: Buffer): string | null {
  if (head.length >= 8 && head.readUInt32BE(0) === 0x89504e47 && head.readUInt32BE(4) === 0x0d0a1a0a) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 6 && (head.toString('latin1', 0, 6) === 'GIF87a' || head.toString('latin1', 0, 6) === 'GIF89a')) return 'image/gif';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  // ISO BMFF: a `ftyp` box whose major brand is AVIF (still or sequence).
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp' && /^avi[fs]$/.test(head.toString('latin1', 8, 12)))
    return 'image/avif';
  return null;
}

/**
 * The type to store for a file: the picture format its bytes are when they are one, else the type
 * the sender gave when it is a well-formed MIME type, else the one its name's extension implies,
 * else `application/octet-stream`. Only the bytes can make a file one of the pictures served inline.
 */
export function fileType(head: Buffer, claimed: string, name: string): string {
  const image = sniffImage(head);
  if (image !== null) return image;
  const clean = claimed.trim().toLowerCase().split(';')[0]!.trim();
  if (clean.length <= MAX_TYPE_LENGTH && MIME_TYPE.test(clean) && !INLINE_IMAGE_TYPES.includes(clean)) return clean;
  const byName = mime.lookup(name);
  return byName === false || INLINE_IMAGE_TYPES.includes(byName) ? 'application/octet-stream' : byName;
}

/** The `Content-Type` a download is sent with. */
export function servedType(type: string): string {
  return ACTIVE_TYPE.test(type) ? 'application/octet-stream' : type;
}
