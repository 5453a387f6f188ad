// The page's uploads (UploadManager) in real Chromium, on a blank page at a real room's address on
// 127.0.0.1, as a guest of the room: one attach's files a few at a time (a picture's preview first),
// shared once as one message; progress with a speed on a slow link; cancel, which the room is told
// of while the rest still goes; failures with their reasons, the caption given back when nothing went.
import type { JSHandle, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RoomOptions } from '../../../electron/room/room.js';
import type * as uploadManager from '../../../renderer/peer/upload-manager.js';
import { joinRich } from '../../../scripts/lib/room-clients.js';
import { uploadState } from '../../support/files.js';
import { usePageModules } from '../../support/page-modules.js';
import { usePeerClients } from '../../support/peer-client.js';

type Modules = { uploads: typeof uploadManager };
const pages = usePageModules<Modules>({ uploads: 'renderer/peer/upload-manager.ts' });
const { defer, startRoom } = usePeerClients();

/** A file the page makes: `size` bytes, or a `picture` of that many pixels drawn on a canvas. */
interface FileSpec {
  name: string;
  type: string;
  size?: number;
  picture?: [number, number];
}

/** The manager in the page, with what it shared, gave back and showed (every snapshot, in order). */
interface InPage {
  manager: uploadManager.UploadManager;
  shared: { caption: string; files: { uploadId: string; name: string; size: number; type: string }[] }[];
  returned: string[];
  snapshots: (readonly uploadManager.UploadItem[])[];
  add(files: FileSpec[], caption: string): Promise<void>;
}

/** A page at a room started with `options`, and an UploadManager in it for a guest, with `limits`. */
async function uploader(options: RoomOptions, limits: { maxFileBytes: number; maxUploadsAtOnce: number }) {
  const { room, port, wsUrl } = await startRoom(options);
  const guest = await joinRich(wsUrl, 'Alice');
  defer(() => guest.ws.close());
  const base = `http://127.0.0.1:${port}/`;
  const { page, modules } = await pages.open(base);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}${new URL(request.url()).search}`));
  const inPage: JSHandle<InPage> = await modules.evaluateHandle(
    ({ uploads }, [session, limits]) => {
      const made: InPage = {
        shared: [],
        returned: [],
        snapshots: [],
        manager: new uploads.UploadManager({
          session: () => session,
          limits: () => limits,
          share: (caption, files) => made.shared.push({ caption, files }),
          returnCaption: (caption) => made.returned.push(caption),
        }),
        async add(specs, caption) {
          const files = await Promise.all(
            specs.map(async ({ name, type, size = 0, picture }) => {
              if (picture === undefined) return new File([new Uint8Array(size).map((_, i) => i % 251)], name, { type });
              const canvas = document.createElement('canvas');
              [canvas.width, canvas.height] = picture;
              canvas.getContext('2d')!.fillRect(0, 0, picture[0] / 2, picture[1] / 2);
              return new File([await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), type))], name, { type });
            }),
          );
          made.manager.add(files, caption);
        },
      };
      made.manager.subscribe(() => made.snapshots.push(made.manager.getSnapshot()));
      return made;
    },
    [guest.welcome.session, limits] as const,
  );
  return { room, base, session: guest.welcome.session, page, inPage, requests };
}

const waitIn = (page: Page, inPage: JSHandle<InPage>, done: (made: InPage) => boolean) => page.waitForFunction(done, inPage);
const snapshotsOf = (inPage: JSHandle<InPage>) => inPage.evaluate((made) => made.snapshots);

describe('UploadManager', () => {
  it('uploads one attach no more at once than allowed, a picture’s preview first, then shares it once with the caption', async () => {
    const { base, session, page, inPage, requests } = await uploader({}, { maxFileBytes: 1_000_000, maxUploadsAtOnce: 1 });
    await inPage.evaluate((made) =>
      made.add(
        [
          { name: 'notes.txt', type: 'text/plain', size: 1_000 },
          { name: 'photo.png', type: 'image/png', picture: [800, 600] },
          { name: 'data.bin', type: 'application/octet-stream', size: 50_000 },
        ],
        'our trip',
      ),
    );
    await waitIn(page, inPage, (made) => made.shared.length > 0);
    const { shared, returned } = await inPage.evaluate(({ shared, returned }) => ({ shared, returned }));
    expect(returned).toEqual([]);
    expect(shared).toHaveLength(1);
    expect(shared[0]!.caption).toBe('our trip');
    expect(shared[0]!.files.map((f) => [f.name, f.type])).toEqual([
      ['notes.txt', 'text/plain'],
      ['photo.png', 'image/png'],
      ['data.bin', 'application/octet-stream'],
    ]);
    for (const file of shared[0]!.files) {
      expect(JSON.parse((await uploadState(base, session, file.uploadId)).body.toString())).toMatchObject({
        complete: true,
        size: file.size,
      });
    }
    const photo = shared[0]!.files[1]!.uploadId;
    expect(requests.filter((r) => r.includes(photo))).toEqual([
      `PUT /files/uploads/${photo}/preview?width=800&height=600`,
      `PUT /files/uploads/${photo}`,
    ]);

    const snapshots = await snapshotsOf(inPage);
    const running = snapshots.map((items) => items.filter((item) => item.phase === 'uploading').length);
    expect(Math.max(...running)).toBe(1);
    expect(snapshots.some((items) => items.some((item) => item.phase === 'queued'))).toBe(true);
    // Done ones leave the list: the message shows them.
    expect(snapshots.at(-1)).toEqual([]);
  });

  it('shows progress with a speed on a slow link, and cancels: the room drops what it had, the rest still goes', async () => {
    const { base, session, page, inPage } = await uploader({}, { maxFileBytes: 10_000_000, maxUploadsAtOnce: 2 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 512 * 1024,
    });
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().postDataJSON()?.name === 'big.bin');
    await inPage.evaluate((made) =>
      made.add(
        [
          { name: 'big.bin', type: 'application/octet-stream', size: 4 * 1024 * 1024 },
          { name: 'small.txt', type: 'text/plain', size: 100 },
        ],
        'two files',
      ),
    );
    const bigId = ((await (await created).json()) as { id: string }).id;
    await waitIn(page, inPage, (made) =>
      made.snapshots.some((items) => items.some((item) => item.name === 'big.bin' && item.sent > 0 && item.sent < item.size)),
    );
    const moving = (await snapshotsOf(inPage)).flat().filter((item) => item.name === 'big.bin' && item.phase === 'uploading');
    expect(moving.some((item) => item.speed > 0)).toBe(true);
    const sent = moving.map((item) => item.sent);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));

    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith(`/files/uploads/${bigId}`));
    await inPage.evaluate((made) => made.manager.cancel(made.manager.getSnapshot().find((item) => item.name === 'big.bin')!.key));
    expect((await deleted).status()).toBeLessThan(300);
    expect((await uploadState(base, session, bigId)).status).toBe(404);
    await waitIn(page, inPage, (made) => made.shared.length > 0);
    const shared = await inPage.evaluate((made) => made.shared);
    expect(shared.map(({ caption, files }) => [caption, files.map((f) => f.name)])).toEqual([['two files', ['small.txt']]]);
    expect((await snapshotsOf(inPage)).at(-1)).toEqual([]);
  });

  it('says why each file failed, gives the caption back when none went, and takes a failure off the list', async () => {
    const { room, page, inPage, requests } = await uploader(
      { settings: { maxFileBytes: 1_000 } },
      { maxFileBytes: 2_000, maxUploadsAtOnce: 3 },
    );
    await inPage.evaluate((made) =>
      made.add(
        [
          // Over the limit the page knows: never sent.
          { name: 'huge.bin', type: 'application/octet-stream', size: 3_000 },
          // Within it, but the room takes less: refused in the room's words.
          { name: 'big.bin', type: 'application/octet-stream', size: 1_500 },
        ],
        'see attached',
      ),
    );
    await waitIn(page, inPage, (made) => made.returned.length > 0);
    const failed = await inPage.evaluate((made) => made.manager.getSnapshot());
    expect(failed.map(({ name, phase, failure }) => [name, phase, failure])).toEqual([
      ['huge.bin', 'failed', 'too-large'],
      ['big.bin', 'failed', 'too-large'],
    ]);
    expect(failed[0]!.detail).toBeUndefined();
    expect(failed[1]!.detail).toEqual(expect.any(String));
    expect(requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(await inPage.evaluate(({ shared, returned }) => ({ shared, returned }))).toEqual({ shared: [], returned: ['see attached'] });

    await inPage.evaluate((made) => made.manager.dismiss(made.manager.getSnapshot()[0]!.key));
    expect((await inPage.evaluate((made) => made.manager.getSnapshot())).map((item) => item.name)).toEqual(['big.bin']);

    // The room gone: out of reach. A blank caption is not worth giving back.
    await room.close();
    await inPage.evaluate((made) => made.add([{ name: 'late.txt', type: 'text/plain', size: 10 }], '  '));
    await waitIn(page, inPage, (made) => made.manager.getSnapshot().some((item) => item.name === 'late.txt' && item.phase === 'failed'));
    const late = (await inPage.evaluate((made) => made.manager.getSnapshot())).find((item) => item.name === 'late.txt');
    expect(late).toMatchObject({ failure: 'unreachable' });
    expect(await inPage.evaluate((made) => made.returned)).toEqual(['see attached']);
  });
});
