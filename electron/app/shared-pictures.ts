// The `app://lan-chat/files/...` URLs the host window draws shared pictures from: previews, and full
// pictures of the formats browsers show safely. Nothing else of a shared file is ever served on the
// window's origin (other files are saved through a dialog, electron/app/files.ts). No Electron here:
// the host window's test harness serves the same answers.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { FILES_PREFIX, PREVIEWS_PATH } from '../../common/files.js';
import { isInlineImage } from '../room/file-store.js';
import type { Room } from '../room/room.js';

/** A shared file and where its bytes are (`Room.sharedFile`). */
export type SharedFile = NonNullable<ReturnType<Room['sharedFile']>>;

/**
 * The answer to an `app://lan-chat/files/...` path: a preview, or a picture of a safe format; null for
 * any other path (the scheme then answers 404).
 */
export function sharedPicture(pathname: string, lookup: (id: string) => SharedFile | undefined): Response | null {
  if (!pathname.startsWith(FILES_PREFIX)) return null;
  const preview = pathname.startsWith(`${PREVIEWS_PATH}/`);
  const id = (preview ? pathname.slice(PREVIEWS_PATH.length + 1) : pathname.slice(FILES_PREFIX.length)).split('/')[0]!;
  const shared = lookup(id);
  if (shared === undefined) return null;
  const { file } = shared;
  const type = preview ? file.previewType : isInlineImage(file.ref.type) ? file.ref.type : null;
  if (type === null) return null;
  const body = Readable.toWeb(createReadStream(preview ? shared.previewPath : shared.path)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: { 'Content-Type': type, 'Cache-Control': 'private, max-age=31536000, immutable' } });
}
