// Files on their way in (uploads.ts): every limit checked when an upload starts (as a page meets it,
// through the routes), the pieces written with an exact offset, the file stored once complete and
// taken once by its owner, its preview kept only for a picture, and an upload dropped with its bytes
// when cancelled, left alone or left behind.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { UploadState } from '../../../common/files.js';
import type { RoomSettings } from '../../../common/host-view.js';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { FileStore } from '../../../electron/room/file-store.js';
import { isRefusal, Uploads, type Upload, type UploadRefusal, type Uploader } from '../../../electron/room/uploads.js';
import { useCleanups } from '../../support/cleanup.js';
import { isFileChat, roomWithGuest, share } from '../../support/file-room.js';
import { errorCode, json, PNG_1X1, putPreview, sha256, startUpload, upload, WEBP_1X1 } from '../../support/files.js';
import { eventually, richClient, stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);
const { defer, tempDir } = useCleanups('lan-chat-uploads-');

const ann: Uploader = { id: 'ann', address: '10.0.0.2' };
const bob: Uploader = { id: 'bob', address: '10.0.0.3' };
const host: Uploader = { id: 'host', address: '', host: true };

/** Uploads into a real store in a temp folder, with `settings` over the defaults (no free space kept). */
function uploadsWith(settings: Partial<RoomSettings> = {}, uploadExpiryMs = 60_000) {
  const store = FileStore.open(tempDir(), 0);
  const uploads = new Uploads(store, {
    limits: { uploadExpiryMs, maxPreviewBytes: DEFAULT_LIMITS.maxPreviewBytes },
    settings: () => ({ ...DEFAULT_SETTINGS, minFreeDiskBytes: 0, ...settings }),
  });
  defer(() => {
    uploads.close();
    store.close();
  });
  return { store, uploads };
}

/** A started upload; fails the test on a refusal. */
async function started(uploads: Uploads, by: Uploader, size: number, name = 'file.bin', type = ''): Promise<Upload> {
  const result = await uploads.start(by, { name, size, type });
  if (isRefusal(result)) throw new Error(`refused: ${result.message}`);
  return result;
}

const refusalOf = async (pending: Promise<Upload | UploadRefusal>) => {
  const result = await pending;
  return isRefusal(result) ? result.code : 'started';
};

describe('limits, as a page meets them', () => {
  it('refuses a file over the size limit with 413 too-large', async () => {
    const { base, session } = await roomWithGuest({ maxFileBytes: 1000 });
    const answer = await startUpload(base, session, { name: 'big.bin', size: 1001 });
    expect(answer.status).toBe(413);
    expect(errorCode(answer)).toBe('too-large');
    expect((await startUpload(base, session, { name: 'ok.bin', size: 1000 })).status).toBe(201);
  });

  it('refuses past the storage quota with 413 storage-full (nothing stored is removed)', async () => {
    const { base, client, session } = await roomWithGuest({ fileStorageBytes: 1500 });
    share(client, [await upload(base, session, randomBytes(1000))]);
    await client.next(isFileChat);
    const answer = await startUpload(base, session, { name: 'more.bin', size: 600 });
    expect(answer.status).toBe(413);
    expect(errorCode(answer)).toBe('storage-full');
    expect((await startUpload(base, session, { name: 'fits.bin', size: 500 })).status).toBe(201);
  });

  it('refuses more uploads at once per person than allowed with 429', async () => {
    const { base, session, url } = await roomWithGuest({ maxUploadsAtOnce: 2 });
    expect((await startUpload(base, session, { name: '1', size: 10 })).status).toBe(201);
    expect((await startUpload(base, session, { name: '2', size: 10 })).status).toBe(201);
    const third = await startUpload(base, session, { name: '3', size: 10 });
    expect(third.status).toBe(429);
    expect(errorCode(third)).toBe('too-many-uploads');
    // Per person: someone else may still upload.
    const { welcome } = await richClient(url, { name: 'Bo' });
    expect((await startUpload(base, welcome.session, { name: '1', size: 10 })).status).toBe(201);
  });

  it('refuses an address that uploaded its hourly budget with 429 and Retry-After', async () => {
    const { base, session } = await roomWithGuest({ uploadBytesPerHour: 1000 });
    expect((await startUpload(base, session, { name: 'a', size: 800 })).status).toBe(201);
    const over = await startUpload(base, session, { name: 'b', size: 800 });
    expect(over.status).toBe(429);
    expect(errorCode(over)).toBe('rate-limited');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses an upload that would leave the disk with less than the free space to keep', async () => {
    const { base, session } = await roomWithGuest({ minFreeDiskBytes: Number.MAX_SAFE_INTEGER });
    const answer = await startUpload(base, session, { name: 'a', size: 1 });
    expect(answer.status).toBe(413);
    expect(errorCode(answer)).toBe('disk-full');
  });

  it('takes a preview only if it is a small picture', async () => {
    const { base, session } = await roomWithGuest();
    const { id } = json<UploadState>(await startUpload(base, session, { name: 'p.png', size: PNG_1X1.length }));
    const html = await putPreview(base, session, id, Buffer.from('<svg onload=alert(1)>'), 10, 10);
    expect(html.status).toBe(415);
    expect(errorCode(html)).toBe('bad-preview');
    const huge = await putPreview(base, session, id, Buffer.concat([WEBP_1X1, Buffer.alloc(300 * 1024)]), 10, 10);
    expect(huge.status).toBe(415);
    expect((await putPreview(base, session, id, WEBP_1X1, 0, 10)).status).toBe(400);
  });
});

describe('limits', () => {
  it('counts uploads not yet complete against the quota, and a cancel gives their room back', async () => {
    const { uploads } = uploadsWith({ fileStorageBytes: 1000 });
    const first = await started(uploads, ann, 600);
    expect(await refusalOf(uploads.start(bob, { name: 'b', size: 600 }))).toBe('storage-full');
    await uploads.cancel(first);
    expect(await refusalOf(uploads.start(bob, { name: 'b', size: 600 }))).toBe('started');
  });

  it('refuses an upload that would leave less free on the disk than the room keeps, counting those in progress', async () => {
    const unbounded = { maxFileBytes: Number.MAX_SAFE_INTEGER, fileStorageBytes: Number.MAX_SAFE_INTEGER };
    const { store, uploads: noFloor } = uploadsWith(unbounded);
    const free = await store.freeBytes();
    const { uploads } = uploadsWith({ ...unbounded, minFreeDiskBytes: Math.floor(free / 2) });
    const third = Math.floor(free * 0.3);
    // The whole free space: nothing would be left.
    expect(await refusalOf(uploads.start(ann, { name: 'all', size: free }))).toBe('disk-full');
    expect(await refusalOf(uploads.start(ann, { name: 'a third', size: third }))).toBe('started');
    // Another as large would leave 40% of what is free now: under the half to keep.
    expect(await refusalOf(uploads.start(bob, { name: 'another', size: third }))).toBe('disk-full');
    expect(await refusalOf(noFloor.start(bob, { name: 'no floor', size: third }))).toBe('started');
  });

  it('gives the unsent part of a cancelled upload back to the address', async () => {
    const { uploads } = uploadsWith({ uploadBytesPerHour: 1000 });
    const upload = await started(uploads, ann, 800);
    expect(await uploads.receive(upload, Readable.from([Buffer.alloc(300)]), 300)).toEqual({ kind: 'received' });
    await uploads.cancel(upload);
    // The 300 sent stay taken; the 500 never sent came back.
    expect(await refusalOf(uploads.start(ann, { name: 'b', size: 800 }))).toBe('rate-limited');
    expect(await refusalOf(uploads.start(ann, { name: 'b', size: 700 }))).toBe('started');
  });

  it("holds the host to the file size, the quota and the disk, not to a person's or an address's limits", async () => {
    const { uploads } = uploadsWith({ maxUploadsAtOnce: 1, uploadBytesPerHour: 10, maxFileBytes: 1000, fileStorageBytes: 2500 });
    await started(uploads, host, 1000);
    await started(uploads, host, 1000);
    expect(await refusalOf(uploads.start(host, { name: 'big', size: 1001 }))).toBe('too-large');
    expect(await refusalOf(uploads.start(host, { name: 'full', size: 501 }))).toBe('storage-full');
  });
});

describe('an upload', () => {
  it('is stored once its last piece is in: one file, hashed, its type read from its bytes', async () => {
    const { store, uploads } = uploadsWith();
    const bytes = Buffer.concat([PNG_1X1, randomBytes(10_000)]);
    const upload = await started(uploads, ann, bytes.length, 'holiday.png', 'application/octet-stream');
    // A piece cut short leaves the offset at what was written, where the next one starts.
    expect(await uploads.receive(upload, Readable.from([bytes.subarray(0, 4000)]), 6000)).toEqual({ kind: 'stopped' });
    expect(uploads.state(upload)).toEqual({ id: upload.id, offset: 4000, size: bytes.length, complete: false });
    expect(await uploads.receive(upload, Readable.from([bytes.subarray(4000)]), bytes.length - 4000)).toEqual({ kind: 'received' });
    expect(uploads.state(upload).complete).toBe(true);
    const stored = store.get(upload.id)!;
    expect(stored.ref).toEqual({ id: upload.id, name: 'holiday.png', size: bytes.length, type: 'image/png', sha256: sha256(bytes) });
    expect(existsSync(store.tempPath(upload.id))).toBe(false);
  });

  it('of nothing is complete as soon as it starts', async () => {
    const { uploads } = uploadsWith();
    const empty = await started(uploads, ann, 0, 'empty.txt');
    expect(uploads.state(empty)).toMatchObject({ offset: 0, size: 0, complete: true });
    expect(uploads.take(ann.id, [empty.id])).toEqual([expect.objectContaining({ size: 0, sha256: sha256(Buffer.alloc(0)) })]);
  });

  it('is taken by its owner only, complete, once, and all of a message or none', async () => {
    const { uploads } = uploadsWith();
    const done = await started(uploads, ann, 0);
    const half = await started(uploads, ann, 10);
    expect(uploads.take(bob.id, [done.id])).toBeNull();
    expect(uploads.take(ann.id, [done.id, half.id])).toBeNull();
    expect(uploads.take(ann.id, [done.id, done.id])).toBeNull();
    expect(uploads.take(ann.id, [])).toBeNull();
    expect(uploads.take(ann.id, [done.id])).toHaveLength(1);
    expect(uploads.take(ann.id, [done.id])).toBeNull();
  });

  it('keeps a preview only for a picture a browser shows, whether it came before or after the bytes', async () => {
    const { store, uploads } = uploadsWith();
    const text = await started(uploads, ann, 5, 'notes.txt', 'text/plain');
    expect(uploads.setPreview(text, WEBP_1X1, 640, 480)).toBeNull();
    await uploads.receive(text, Readable.from([Buffer.from('hello')]), 5);
    expect(store.get(text.id)).toMatchObject({ previewType: null, ref: { type: 'text/plain' } });
    expect(store.get(text.id)!.ref.image).toBeUndefined();
    expect(existsSync(store.tempPreviewPath(text.id))).toBe(false);

    const picture = await started(uploads, ann, PNG_1X1.length, 'dot.png', 'image/png');
    await uploads.receive(picture, Readable.from([PNG_1X1]), PNG_1X1.length);
    expect(uploads.setPreview(picture, WEBP_1X1, 640, 480)).toBeNull();
    expect(store.get(picture.id)).toMatchObject({ previewType: 'image/webp', ref: { image: { width: 640, height: 480 } } });
    expect(uploads.take(ann.id, [picture.id])![0]!.image).toEqual({ width: 640, height: 480 });
  });

  it('is dropped with its bytes when left alone, finished or not', async () => {
    const { store, uploads } = uploadsWith({}, 100);
    const unsent = await started(uploads, ann, 3);
    await uploads.receive(unsent, Readable.from([Buffer.from('abc')]), 3);
    const half = await started(uploads, ann, 10);
    await uploads.receive(half, Readable.from([Buffer.from('abc')]), 3);
    await eventually(() => uploads.get(unsent.id, ann.id) === undefined && uploads.get(half.id, ann.id) === undefined, 'both expired');
    expect(store.get(unsent.id)).toBeUndefined();
    expect(existsSync(store.path(unsent.id))).toBe(false);
    expect(existsSync(store.tempPath(half.id))).toBe(false);
    expect(store.usedBytes).toBe(0);
  });

  it("goes with the person who leaves; nobody else's does", async () => {
    const { store, uploads } = uploadsWith();
    const mine = await started(uploads, ann, 10);
    const theirs = await started(uploads, bob, 10);
    uploads.forget(ann.id);
    await eventually(() => uploads.get(mine.id, ann.id) === undefined, "Ann's upload gone");
    expect(existsSync(store.tempPath(mine.id))).toBe(false);
    expect(uploads.get(theirs.id, bob.id)).toBe(theirs);
    expect(existsSync(store.tempPath(theirs.id))).toBe(true);
  });
});
