// Sharing a file the way a page does, over real HTTP to a real room: start an upload, send its preview
// and its bytes, ask how far it got. Used by the tests (through test/support/files.ts) and by
// scripts/screenshot.mjs.
import { request } from 'node:http';
import type { UploadState } from '../../common/files.js';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One HTTP request with Node's client (exact headers, a Buffer body with its length); never rejects on a status. */
export function http(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Buffer } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['Content-Length'] = String(options.body.length);
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const json = <T>(answer: HttpAnswer): T => JSON.parse(answer.body.toString('utf8')) as T;

const auth = (session: string) => ({ Authorization: `Bearer ${session}` });

/** `POST /files/uploads`. */
export function startUpload(base: string, session: string, request: { name: string; size: number; type?: string }): Promise<HttpAnswer> {
  return http(base, 'POST', '/files/uploads', {
    headers: { ...auth(session), 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify({ type: '', ...request })),
  });
}

/** `PUT /files/uploads/<id>` with `bytes` from `offset`. */
export function putBytes(base: string, session: string, id: string, offset: number, bytes: Buffer): Promise<HttpAnswer> {
  return http(base, 'PUT', `/files/uploads/${id}`, { headers: { ...auth(session), 'Upload-Offset': String(offset) }, body: bytes });
}

export function putPreview(base: string, session: string, id: string, bytes: Buffer, width: number, height: number): Promise<HttpAnswer> {
  return http(base, 'PUT', `/files/uploads/${id}/preview?width=${width}&height=${height}`, { headers: auth(session), body: bytes });
}

export function uploadState(base: string, session: string, id: string): Promise<HttpAnswer> {
  return http(base, 'GET', `/files/uploads/${id}`, { headers: auth(session) });
}

/** A whole upload in one piece (with a preview first, when given); resolves with its id. */
export async function upload(
  base: string,
  session: string,
  bytes: Buffer,
  name = 'notes.txt',
  type = 'text/plain',
  preview?: { bytes: Buffer; width: number; height: number },
): Promise<string> {
  const started = await startUpload(base, session, { name, size: bytes.length, type });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${started.body.toString()}`);
  const { id } = json<UploadState>(started);
  if (preview !== undefined) {
    const stored = await putPreview(base, session, id, preview.bytes, preview.width, preview.height);
    if (stored.status !== 204) throw new Error(`preview: ${stored.status} ${stored.body.toString()}`);
  }
  const put = await putBytes(base, session, id, 0, bytes);
  if (put.status !== 200 || !json<UploadState>(put).complete) throw new Error(`put: ${put.status} ${put.body.toString()}`);
  return id;
}
