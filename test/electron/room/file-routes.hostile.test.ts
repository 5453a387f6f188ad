// Hostile uploads over raw TCP, byte by byte as an attacker would send them: malformed requests,
// lying lengths, oversized bodies, bodies that stop halfway, senders that trickle (slowloris), paths
// that try to leave the store. Each gets a clear 4xx (or, for a connection that died, its partial upload
// kept only until it expires), its temporary file is removed, the room never crashes, memory stays
// bounded, and a well-behaved upload works afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadState } from '../../../common/files.js';
import { Room } from '../../../electron/room/room.js';
import { errorCode, http, json, sha256, startUpload, upload, uploadState } from '../../support/files.js';
import { RawClient } from '../../support/raw-ws.js';
import { richClient, stopAll } from '../../support/room-fixture.js';
import { RssSampler } from '../../support/rss.js';

const STALL_MS = 400;
const EXPIRY_MS = 1500;

let room: Room;
let port: number;
let base: string;
let session: string;
const filesDir = mkdtempSync(join(tmpdir(), 'lan-chat-hostile-files-'));
const tmp = join(filesDir, 'tmp');

beforeAll(async () => {
  room = new Room({
    bindAddress: '127.0.0.1',
    port: 0,
    filesDir,
    settings: { maxFileBytes: 1024 * 1024, maxUploadsAtOnce: 100, uploadBytesPerHour: 1024 ** 3 },
    limits: {
      headersTimeoutMs: 500,
      requestTimeoutMs: 1000,
      uploadStallMs: STALL_MS,
      minUploadBytesPerSecond: 10_000,
      uploadExpiryMs: EXPIRY_MS,
    },
  });
  ({ port } = await room.listen());
  base = `http://127.0.0.1:${port}`;
  ({
    welcome: { session },
  } = await richClient(`ws://127.0.0.1:${port}/`, { name: 'Target' }));
});

afterAll(async () => {
  await stopAll();
  await room?.close();
  rmSync(filesDir, { recursive: true, force: true });
});

/** Temporary files of uploads (records written on the way are not uploads). */
const temporaryFiles = () => readdirSync(tmp).filter((name) => !name.endsWith('.json'));

/** Sends `request` on a fresh connection; the status answered (null: closed without one). */
async function statusOf(request: string | Buffer, then?: (client: RawClient) => void): Promise<{ status: number | null; body: string }> {
  const client = await RawClient.connect(port);
  try {
    client.write(request);
    then?.(client);
    const response = await client.readResponse(5_000);
    return { status: response?.status ?? null, body: response?.body ?? '' };
  } finally {
    client.destroy();
  }
}

const head = (method: string, path: string, headers: string[] = []) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${session}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;

async function started(size: number): Promise<string> {
  return json<UploadState>(await startUpload(base, session, { name: 'x.bin', size })).id;
}

describe('hostile upload requests', () => {
  it.each([
    ['JSON that is not JSON', '{"name": ', 400],
    ['JSON of the wrong shape', '["name", 1]', 400],
    ['a negative size', '{"name":"a","size":-1}', 400],
    ['a size that is not a number', '{"name":"a","size":"1e3"}', 400],
    ['a name that is not text', '{"name":{"a":1},"size":1}', 400],
    ['a name of 100 KB', JSON.stringify({ name: 'n'.repeat(100_000), size: 1 }), 413],
    ['a size past the limit', '{"name":"a","size":1099511627776}', 413],
  ])('refuses %s with a clear 4xx', async (_, body, status) => {
    const answer = await http(base, 'POST', '/files/uploads', { headers: { Authorization: `Bearer ${session}` }, body: Buffer.from(body) });
    expect(answer.status).toBe(status);
    expect(errorCode(answer)).toMatch(/^(bad-request|too-large)$/);
  });

  it('refuses bytes without a length, with a bad offset, or more than the file has; the oversized one is dropped', async () => {
    const id = await started(100);
    const chunked = await statusOf(
      head('PUT', `/files/uploads/${id}`, ['Upload-Offset: 0', 'Transfer-Encoding: chunked']) + '5\r\nhello\r\n0\r\n\r\n',
    );
    expect(chunked.status).toBe(411);
    for (const offset of ['-1', 'abc', '1e2', '']) {
      expect(
        (await statusOf(head('PUT', `/files/uploads/${id}`, [`Upload-Offset: ${offset}`, 'Content-Length: 1']) + 'x')).status,
        offset,
      ).toBe(400);
    }
    expect(temporaryFiles()).toContain(id);
    const over = await statusOf(head('PUT', `/files/uploads/${id}`, ['Upload-Offset: 0', 'Content-Length: 101']) + 'x'.repeat(101));
    expect(over.status).toBe(413);
    expect(temporaryFiles()).not.toContain(id);
    expect((await uploadState(base, session, id)).status).toBe(404);
  });

  it('answers 408 to a sender that trickles, keeps what arrived for a resume, and drops it when it expires', async () => {
    const id = await started(1000);
    const client = await RawClient.connect(port);
    client.write(head('PUT', `/files/uploads/${id}`, ['Upload-Offset: 0', 'Content-Length: 1000']));
    const drip = setInterval(() => client.write('x'), 50);
    const response = await client.readResponse(STALL_MS * 5);
    clearInterval(drip);
    client.destroy();
    expect(response?.status).toBe(408);
    expect(JSON.parse(response!.body).error.code).toBe('timeout');
    const kept = json<UploadState>(await uploadState(base, session, id)).offset;
    expect(kept).toBeGreaterThan(0);
    expect(Number(response!.headers['upload-offset'] ?? kept)).toBeLessThanOrEqual(kept);
    await expect.poll(() => temporaryFiles().includes(id), { timeout: EXPIRY_MS * 4 }).toBe(false);
  });

  it('keeps the part of a body cut off halfway until it expires, then removes it', async () => {
    const id = await started(1000);
    const client = await RawClient.connect(port);
    client.write(head('PUT', `/files/uploads/${id}`, ['Upload-Offset: 0', 'Content-Length: 1000']) + 'y'.repeat(400));
    await expect.poll(async () => json<UploadState>(await uploadState(base, session, id)).offset).toBe(400);
    client.destroy();
    await expect.poll(() => temporaryFiles().includes(id), { timeout: EXPIRY_MS * 4 }).toBe(false);
    expect((await uploadState(base, session, id)).status).toBe(404);
  });

  it('closes a request whose small body never finishes (the request timeout)', async () => {
    const answer = await statusOf(head('POST', '/files/uploads', ['Content-Length: 100']) + '{"name":');
    expect(answer.status).toBe(408);
  });

  it('never serves anything outside the store, whatever the path', async () => {
    for (const path of [
      '/files/../../etc/passwd',
      '/files/%2e%2e/%2e%2e/etc/passwd',
      '/files/..%2f..%2fetc%2fpasswd/x',
      '/files/previews/..%2f..%2fsettings.json',
      `/files/${'A'.repeat(24)}%00/x`,
      '/files/uploads/../../x',
    ]) {
      const answer = await statusOf(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect([400, 401, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toMatch(/root:|"roomName"/);
    }
  });

  it("takes another session's upload for none of its own, and methods the routes do not know get 405", async () => {
    const id = await started(10);
    const { welcome } = await richClient(`ws://127.0.0.1:${port}/`, { name: 'Other' });
    const other = await http(base, 'PUT', `/files/uploads/${id}`, {
      headers: { Authorization: `Bearer ${welcome.session}`, 'Upload-Offset': '0' },
      body: Buffer.alloc(10),
    });
    expect(other.status).toBe(404);
    expect((await http(base, 'PATCH', `/files/uploads/${id}`, { headers: { Authorization: `Bearer ${session}` } })).status).toBe(405);
    expect((await http(base, 'POST', `/files/${id}/x.bin`)).status).toBe(405);
  });

  it('survives a burst of hostile uploads with bounded memory, and a good upload works after', async () => {
    const rss = new RssSampler();
    const bodies = Array.from({ length: 60 }, async (_, i) => {
      const id = await started(64 * 1024);
      const lie = i % 3 === 0 ? 'Content-Length: 999999999' : i % 3 === 1 ? 'Content-Length: 10' : 'Content-Length: 65536';
      await statusOf(head('PUT', `/files/uploads/${id}`, ['Upload-Offset: 0', lie]) + randomBytes(20_000).toString('latin1'), (c) =>
        setTimeout(() => c.destroy(), 20),
      );
    });
    await Promise.all(bodies);
    const report = rss.stop();
    expect(report.peakMb - report.beforeMb).toBeLessThan(100);
    expect(room.status().running).toBe(true);
    const bytes = randomBytes(200_000);
    const { client, welcome } = await richClient(`ws://127.0.0.1:${port}/`, { name: 'Good' });
    client.json({ type: 'chat', text: '', files: [await upload(base, welcome.session, bytes)] });
    const shared = await client.next((m) => m.type === 'chat' && m.files !== undefined);
    if (shared.type !== 'chat') throw new Error('unreachable');
    expect(shared.files![0]!.sha256).toBe(sha256(bytes));
  });
});
