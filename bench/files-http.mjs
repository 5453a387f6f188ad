// @ts-check
// The files bench's client side (bench/files.mjs): one HTTP request to the room or to the plain server,
// a file streamed as its body (paced to a rate when asked), an upload the way a page makes one, joining
// the room as a rich client, and sharing uploads in a message.
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import WebSocket from 'ws';

const MIB = 1024 * 1024;

/**
 * How a paced upload is doing: bytes passed on so far, and a way to cut it.
 * @typedef {{ sent: number, stop?: () => void }} Pacing
 */

/**
 * Paces a stream to `bytesPerSecond`, counting into `pacing`.
 * @param {number} bytesPerSecond @param {Pacing} pacing
 */
function throttle(bytesPerSecond, pacing) {
  const started = performance.now();
  let sent = 0;
  return new Transform({
    transform(chunk, _encoding, done) {
      sent += chunk.length;
      const due = started + (sent / bytesPerSecond) * 1000;
      setTimeout(
        () => {
          pacing.sent += chunk.length;
          done(null, chunk);
        },
        Math.max(0, due - performance.now()),
      );
    },
  });
}

/**
 * One HTTP request; `body` is a file path streamed with its length. Resolves with status, headers, body
 * (kept only when `keep`), and the milliseconds from first byte sent to last byte received.
 * @param {number} port @param {string} method @param {string} path
 * @param {{ headers?: Record<string, string>, file?: string, size?: number, json?: unknown, keep?: boolean, paced?: number, pacing?: Pacing }} options
 */
export function http(port, method, path, options = {}) {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    const json = options.json === undefined ? null : Buffer.from(JSON.stringify(options.json));
    if (json) headers['Content-Length'] = String(json.length);
    if (options.size !== undefined) headers['Content-Length'] = String(options.size);
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let bytes = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        if (options.keep) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), bytes, ms: performance.now() - started }));
    });
    req.on('error', reject);
    if (options.file) {
      const end = options.size === undefined ? undefined : options.size - 1;
      const source = createReadStream(options.file, { highWaterMark: MIB, end });
      const pacing = options.pacing ?? { sent: 0 };
      pacing.stop = () => req.destroy();
      const stages = options.paced ? [source, throttle(options.paced, pacing), req] : [source, req];
      pipeline(/** @type {[any, any]} */ (stages)).catch(reject);
    } else req.end(json ?? undefined);
  });
}

/**
 * Joins as a rich client; resolves with its socket and session.
 * @param {number} port @param {string} name
 */
export async function joinRich(port, name) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, 'lan-chat.v1');
  const welcome = await new Promise((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, name })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'welcome') resolve(message);
    });
    ws.on('error', reject);
  });
  return { ws, session: /** @type {{ session: string }} */ (welcome).session };
}

/**
 * Uploads the first `size` bytes of `file` to the room as `session` (with `preview` as its preview,
 * paced to `paced` bytes/s when not 0); resolves with the upload id and the PUT's time.
 * @param {number} port @param {string} session @param {string} file @param {number} size @param {string} name
 * @param {number} [paced] @param {string} [preview] @param {Pacing} [pacing]
 * @returns {Promise<{ id: string, ms: number }>}
 */
export async function roomUpload(port, session, file, size, name, paced = 0, preview = '', pacing = { sent: 0 }) {
  const auth = { Authorization: `Bearer ${session}` };
  const created = await http(port, 'POST', '/files/uploads', {
    headers: auth,
    json: { name, size, type: 'application/octet-stream' },
    keep: true,
  });
  if (created.status !== 201) throw new Error(`upload refused: ${created.body}`);
  const { id } = JSON.parse(String(created.body));
  if (preview !== '')
    await http(port, 'PUT', `/files/uploads/${id}/preview?width=3000&height=2250`, {
      headers: auth,
      file: preview,
      size: statSync(preview).size,
    });
  const put = await http(port, 'PUT', `/files/uploads/${id}`, {
    headers: { ...auth, 'Upload-Offset': '0' },
    file,
    size,
    keep: true,
    paced,
    pacing,
  });
  if (put.status !== 200) throw new Error(`PUT: ${put.status} ${put.body}`);
  return { id, ms: put.ms };
}

/**
 * Shares uploads in one message and waits for the room's copy.
 * @param {WebSocket} ws @param {string[]} ids
 * @returns {Promise<{ files: { id: string }[] }>}
 */
export function share(ws, ids) {
  return new Promise((resolve) => {
    /** @param {import('ws').RawData} data */
    const onMessage = (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'chat' && message.files) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'chat', text: '', files: ids }));
  });
}
