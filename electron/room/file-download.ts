// Sending a stored file or a picture's preview over HTTP, streamed from disk: the exact bytes with
// their length, a strong ETag (the SHA-256), byte ranges (a video seeks, an interrupted download
// resumes), the original name in `Content-Disposition` (RFC 6266 with an RFC 5987 `filename*` for
// names beyond Latin-1, Chinese ones included). Only pictures of the safe formats are ever inline; every
// other file is an attachment, under `Content-Security-Policy: sandbox` and never with a type a
// browser would run (the router adds `X-Content-Type-Options: nosniff` to everything).
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import contentDisposition from 'content-disposition';
import parseRange from 'range-parser';
import { isInlineImage, type StoredFile } from './file-store.js';
import { servedType } from './file-types.js';
import { sendText } from './http-router.js';

/** A file's bytes never change under its id: caches may keep them (private: the URL is the permission). */
const CACHE_CONTROL = 'private, max-age=31536000, immutable';
/** Whatever a file holds, it runs nothing if it is ever opened as a page. */
const FILE_CSP = "default-src 'none'; sandbox";
const READ_HIGH_WATER_MARK = 256 * 1024;

/** Sends a stored file; `asAttachment` forces a download even for a picture shown inline otherwise. */
export function sendFile(req: IncomingMessage, res: ServerResponse, path: string, file: StoredFile, asAttachment: boolean): void {
  const { ref } = file;
  const inline = !asAttachment && isInlineImage(ref.type);
  res.setHeader('Content-Disposition', contentDisposition(ref.name, { type: inline ? 'inline' : 'attachment' }));
  sendBytes(req, res, path, { type: servedType(ref.type), size: ref.size, etag: `"${ref.sha256}"` });
}

/** Sends a picture's preview (always a picture of a safe format, always inline). */
export function sendPreview(req: IncomingMessage, res: ServerResponse, path: string, file: StoredFile): void {
  sendBytes(req, res, path, { type: file.previewType!, size: file.previewBytes, etag: `"p-${file.ref.sha256}"` });
}

interface Entity {
  type: string;
  size: number;
  etag: string;
}

function sendBytes(req: IncomingMessage, res: ServerResponse, path: string, entity: Entity): void {
  res.setHeader('Content-Security-Policy', FILE_CSP);
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', CACHE_CONTROL);
  res.setHeader('ETag', entity.etag);
  res.setHeader('Accept-Ranges', 'bytes');
  if (matches(req.headers['if-none-match'], entity.etag)) {
    res.writeHead(304);
    res.end();
    return;
  }
  let start = 0;
  let end = entity.size - 1;
  let status = 200;
  const range = req.headers.range;
  // A range applies only while the client's copy is this very entity (`If-Range`).
  const ifRange = req.headers['if-range'];
  if (range !== undefined && entity.size > 0 && (ifRange === undefined || ifRange === entity.etag)) {
    const ranges = parseRange(entity.size, range, { combine: true });
    if (ranges === -1) {
      res.setHeader('Content-Range', `bytes */${entity.size}`);
      return sendText(res, 416, 'Range not satisfiable.');
    }
    // Several separate ranges (multipart) are not worth it: the whole file answers them (RFC 9110 14.2).
    if (ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1) {
      ({ start, end } = ranges[0]!);
      status = 206;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${entity.size}`);
    }
  }
  res.writeHead(status, { 'Content-Type': entity.type, 'Content-Length': end - start + 1 });
  if (req.method === 'HEAD' || entity.size === 0) {
    res.end();
    return;
  }
  pipeline(createReadStream(path, { start, end, highWaterMark: READ_HIGH_WATER_MARK }), res).catch(() => {
    // The client went away, or the file was removed meanwhile (the host cleared the history): the
    // response is cut short, which the client sees as an incomplete download.
    res.destroy();
  });
}

/** Whether an `If-None-Match` header names `etag` (or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
