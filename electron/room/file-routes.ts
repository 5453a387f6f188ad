// The room's HTTP routes for files, one route set of the router (http-router.ts):
//   POST   /files/uploads                  start an upload: JSON {name, size, type} -> 201 UploadState
//   GET    /files/uploads/<id>             where it stands (HEAD: just the Upload-Offset header)
//   PUT    /files/uploads/<id>             bytes from `Upload-Offset` on (a resume starts where the room is)
//   PUT    /files/uploads/<id>/preview     a picture's preview, `?width=&height=` of the original
//   DELETE /files/uploads/<id>             cancel
//   GET    /files/<id>/<name>              the bytes (`?download`: as an attachment even for a picture)
//   GET    /files/previews/<id>            a picture's preview
// The upload routes need the sender's session (`Authorization: Bearer <session token>`), so a PIN
// room's files need the PIN; the download routes need only the id, which is the permission. Refusals
// are JSON `{ error: { code, message } }` with a 4xx status (common/files.ts lists the codes).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FILES_PREFIX, UPLOAD_OFFSET_HEADER, type UploadError, type UploadState } from '../../common/files.js';
import type { Limits } from '../../common/limits.js';
import { messageOf } from '../../common/errors.js';
import { sendFile, sendPreview } from './file-download.js';
import type { FileStore } from './file-store.js';
import { exemptFromRequestTimeout, hasBody, isRead, methodNotAllowed, sendJson, sendText, type RouteSet } from './http-router.js';
import { isRefusal, type Upload, type UploadRefusal, type Uploads } from './uploads.js';

export interface FileRoutesParts {
  store: FileStore;
  uploads: Uploads;
  /** The participant id a session token belongs to while the session is valid. */
  member(session: string): string | undefined;
  limits: Pick<Limits, 'uploadStallMs' | 'minUploadBytesPerSecond' | 'maxPreviewBytes'>;
  /** Told about failures that are the room's own (a disk error), never fatal. */
  onWarning(message: string): void;
}

/** Largest JSON body the upload API reads (a name, a size, a type). */
const MAX_JSON_BYTES = 4096;

export class FileRoutes implements RouteSet {
  constructor(private readonly parts: FileRoutesParts) {}

  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (!path.startsWith(FILES_PREFIX)) return false;
    const segments = path.slice(FILES_PREFIX.length).split('/');
    if (segments[0] === 'uploads') {
      this.api(req, res, segments.slice(1)).catch((error: unknown) => {
        this.parts.onWarning(`files: an upload failed: ${messageOf(error)}`);
        if (!res.headersSent) refuse(req, res, { status: 500, code: 'bad-request', message: 'The host could not store the file.' });
        else res.destroy();
      });
    } else if (segments.length === 2) {
      this.download(req, res, segments[0] === 'previews' ? segments[1]! : segments[0]!, segments[0] === 'previews');
    } else {
      sendText(res, 404, 'Not found.');
    }
    return true;
  }

  private download(req: IncomingMessage, res: ServerResponse, id: string, preview: boolean): void {
    if (!isRead(req)) return methodNotAllowed(res);
    const { store } = this.parts;
    // Only files a message shared: an upload waiting to be sent is nobody else's yet.
    const file = store.get(id);
    if (file === undefined || file.seq === null || (preview && file.previewType === null)) {
      return sendText(res, 404, 'No such file: it may have been removed.');
    }
    if (preview) return sendPreview(req, res, store.previewPath(id), file);
    const asAttachment = new URL(req.url ?? '/', 'http://localhost').searchParams.has('download');
    sendFile(req, res, store.path(id), file, asAttachment);
  }

  private async api(req: IncomingMessage, res: ServerResponse, rest: string[]): Promise<void> {
    const owner = this.sessionOf(req);
    if (owner === undefined) {
      return refuse(req, res, { status: 401, code: 'unauthorized', message: 'Join the room first: uploads need your session.' });
    }
    const { uploads } = this.parts;
    if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return this.create(req, res, owner);
    }
    const upload = uploads.get(rest[0]!, owner);
    if (upload === undefined) {
      return refuse(req, res, { status: 404, code: 'not-found', message: 'No such upload: it finished, was cancelled or expired.' });
    }
    if (rest.length === 2 && rest[1] === 'preview') {
      if (req.method !== 'PUT') return methodNotAllowed(res, 'PUT');
      return this.preview(req, res, upload);
    }
    if (rest.length !== 1) return sendText(res, 404, 'Not found.');
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        return sendState(req, res, 200, uploads.state(upload));
      case 'PUT':
        return this.put(req, res, upload);
      case 'DELETE':
        await uploads.cancel(upload);
        res.writeHead(204).end();
        return;
      default:
        return methodNotAllowed(res, 'GET, HEAD, PUT, DELETE');
    }
  }

  private sessionOf(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(header);
    return match === null ? undefined : this.parts.member(match[1]!);
  }

  private async create(req: IncomingMessage, res: ServerResponse, owner: string): Promise<void> {
    const body = await readBody(req, MAX_JSON_BYTES);
    if (body === null) return refuse(req, res, { status: 413, code: 'bad-request', message: 'The upload request is too large.' });
    let request: unknown;
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(req, res, { status: 400, code: 'bad-request', message: 'The upload request must be JSON.' });
    }
    const result = await this.parts.uploads.start({ id: owner, address: req.socket.remoteAddress ?? '' }, request);
    if (isRefusal(result)) return refuse(req, res, result);
    res.setHeader('Location', `${FILES_PREFIX}uploads/${result.id}`);
    sendState(req, res, 201, this.parts.uploads.state(result));
  }

  private async put(req: IncomingMessage, res: ServerResponse, upload: Upload): Promise<void> {
    const { uploads, limits } = this.parts;
    const offset = wholeNumber(req.headers[UPLOAD_OFFSET_HEADER.toLowerCase()]);
    if (offset === null)
      return refuse(req, res, { status: 400, code: 'bad-request', message: `${UPLOAD_OFFSET_HEADER} must be a whole number.` });
    const length = wholeNumber(req.headers['content-length']);
    if (length === null) return refuse(req, res, { status: 411, code: 'length-required', message: 'Say the Content-Length.' });
    // A newer request for the same upload wins over one that may be dead (a phone that lost Wi-Fi).
    await uploads.stopWriting(upload);
    if (upload.stored !== null) return sendState(req, res, 200, uploads.state(upload));
    if (offset !== upload.offset) return mismatch(req, res, uploads.state(upload));

    exemptFromRequestTimeout(req);
    // The slowloris guard that replaces the request timeout: bytes must keep coming.
    let recent = 0;
    let slow = false;
    const minimum = (limits.minUploadBytesPerSecond * limits.uploadStallMs) / 1000;
    const watchdog = setInterval(() => {
      if (recent < minimum) {
        slow = true;
        upload.writing?.stop();
      }
      recent = 0;
    }, limits.uploadStallMs);
    let result;
    try {
      result = await uploads.receive(upload, req, length, (count) => (recent += count));
    } finally {
      clearInterval(watchdog);
    }
    if (result.kind === 'refused') return refuse(req, res, result.refusal);
    if (result.kind === 'received') return sendState(req, res, 200, uploads.state(upload));
    if (res.destroyed || req.socket.destroyed) return;
    if (slow) {
      return refuse(req, res, {
        status: 408,
        code: 'timeout',
        message: 'The file arrived too slowly; what arrived is kept: resume from Upload-Offset.',
      });
    }
    // Stopped for a newer request of the same upload.
    mismatch(req, res, uploads.state(upload));
  }

  private async preview(req: IncomingMessage, res: ServerResponse, upload: Upload): Promise<void> {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const body = await readBody(req, this.parts.limits.maxPreviewBytes);
    const refusal: UploadRefusal | null =
      body === null
        ? { status: 415, code: 'bad-preview', message: 'The preview is too large.' }
        : this.parts.uploads.setPreview(upload, body, Number(query.get('width')), Number(query.get('height')));
    if (refusal !== null) return refuse(req, res, refusal);
    res.writeHead(204).end();
  }
}

/** The whole body, or null once it passes `max` bytes (reading stops there; the answer closes the connection). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const done = (value: Buffer | null) => {
      req.off('data', onData);
      req.off('end', onEnd);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= max) return void chunks.push(chunk);
      req.pause();
      done(null);
    };
    const onEnd = () => done(Buffer.concat(chunks, length));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('close', () => done(null));
  });
}

function wholeNumber(header: string | string[] | undefined): number | null {
  if (typeof header !== 'string' || !/^\d{1,15}$/.test(header.trim())) return null;
  return Number(header.trim());
}

function sendState(req: IncomingMessage, res: ServerResponse, status: number, state: UploadState): void {
  res.setHeader(UPLOAD_OFFSET_HEADER, String(state.offset));
  answer(req, res, status, state);
}

function mismatch(req: IncomingMessage, res: ServerResponse, state: UploadState): void {
  res.setHeader(UPLOAD_OFFSET_HEADER, String(state.offset));
  refuse(req, res, {
    status: 409,
    code: 'offset-mismatch',
    message: `The room holds ${state.offset} bytes of this upload: send from there.`,
  });
}

function refuse(req: IncomingMessage, res: ServerResponse, refusal: UploadRefusal): void {
  if (refusal.retryAfterMs !== undefined) res.setHeader('Retry-After', String(Math.ceil(refusal.retryAfterMs / 1000)));
  const body: UploadError = { error: { code: refusal.code, message: refusal.message } };
  answer(req, res, refusal.status, body);
}

/** A JSON answer to an upload request, unless the request was answered (or dropped) already. */
function answer(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent || res.destroyed) return;
  // A body this answer did not read is not read afterwards either: the connection closes instead.
  if (hasBody(req) && !req.complete) res.setHeader('Connection', 'close');
  sendJson(res, status, value);
}
