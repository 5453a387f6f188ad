// The room's files put together (room-files.ts): a store opened with the room and closed with it (in a
// temporary folder when the room keeps nothing, or when its folder cannot be used), and the host's own
// sharing of files on this computer or of bytes: stored exactly as an upload is, all of them or none.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../common/model.js';
import type { RoomSettings } from '../../../common/host-view.js';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { RoomFiles, type HostFile } from '../../../electron/room/room-files.js';
import { useCleanups } from '../../support/cleanup.js';
import { isFileChat, roomWithGuest, share } from '../../support/file-room.js';
import { PNG_1X1, sha256, upload, WEBP_1X1 } from '../../support/files.js';
import { stopAll } from '../../support/room-fixture.js';

afterEach(stopAll);
const { defer, tempDir } = useCleanups('lan-chat-room-files-');

/** Open room files in `dir` (omitted: a temporary folder), with `settings` over the defaults; what they warn. */
function openFiles(dir: string | undefined, settings: Partial<RoomSettings> = {}, lastStoredSeq = 0) {
  const warnings: string[] = [];
  const files = new RoomFiles({
    dir,
    limits: DEFAULT_LIMITS,
    settings: () => ({ ...DEFAULT_SETTINGS, minFreeDiskBytes: 0, ...settings }),
    lastStoredSeq: () => lastStoredSeq,
    member: () => undefined,
    onWarning: (message) => warnings.push(message),
  });
  files.open();
  defer(() => files.close());
  return { files, warnings };
}

/** What a files folder holds besides its (empty) folder of uploads in progress. */
function stored(dir: string): string[] {
  expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  return readdirSync(dir).filter((name) => name !== 'tmp');
}

describe('a room that keeps nothing', () => {
  it('keeps files in a temporary folder it removes when it closes', async () => {
    const { room, base, client, session } = await roomWithGuest();
    share(client, [await upload(base, session, Buffer.from('temp'))]);
    const { files } = (await client.next(isFileChat)) as ChatMessage;
    const dir = room.sharedFile(files![0]!.id)!.path.replace(/[/\\][^/\\]+$/, '');
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    await room.close();
    expect(existsSync(dir)).toBe(false);
  });
});

describe("the host's sharing", () => {
  it('stores a file on this computer and pasted bytes exactly, found only once a message shares them', async () => {
    const dir = tempDir();
    const plan = join(tempDir(), 'plan.txt');
    writeFileSync(plan, 'the plan');
    // The host has no per-person or per-address limits.
    const { files } = openFiles(dir, { maxUploadsAtOnce: 1, uploadBytesPerHour: 1 });
    const refs = await files.ingest([{ path: plan }, { bytes: new Uint8Array([1, 2, 3]), name: 'x.bin', type: 'application/x-thing' }]);
    expect(refs).toEqual([
      { id: expect.any(String), name: 'plan.txt', size: 8, type: 'text/plain', sha256: sha256(Buffer.from('the plan')) },
      { id: expect.any(String), name: 'x.bin', size: 3, type: 'application/x-thing', sha256: sha256(Buffer.from([1, 2, 3])) },
    ]);
    expect(files.lookup(refs[0]!.id)).toBeUndefined();
    files.shared(refs, 7);
    const found = files.lookup(refs[0]!.id)!;
    expect(found.file).toMatchObject({ ref: refs[0], seq: 7 });
    expect(readFileSync(found.path, 'utf8')).toBe('the plan');
    expect(readFileSync(files.lookup(refs[1]!.id)!.path)).toEqual(Buffer.from([1, 2, 3]));
  });

  it('refuses what cannot be shared, saying why, and stores none of a batch when one of it fails', async () => {
    const dir = tempDir();
    const { files } = openFiles(dir, { maxFileBytes: 100 });
    const folder = tempDir();
    const bytes = (name: string, size = 3): HostFile => ({ bytes: new Uint8Array(size), name });
    for (const [batch, reason] of [
      [[{ path: 'relative.txt' }], /not an absolute path/],
      [[{ path: folder }], /not a file that can be shared/],
      [[{ path: join(folder, 'missing.txt') }], /not a file that can be shared/],
      [[bytes('big.bin', 101)], /the room takes files up to 100 B/],
      [[], /share 1 to 20 files at once/],
      [Array.from({ length: 21 }, (_, i) => bytes(`${i}.bin`)), /share 1 to 20 files at once/],
      [[bytes('first.bin'), bytes('second.bin'), { path: folder }], /not a file that can be shared/],
    ] as [HostFile[], RegExp][]) {
      await expect(files.ingest(batch)).rejects.toThrow(reason);
    }
    expect(stored(dir)).toEqual([]);
  });

  it('keeps the preview of a picture, and tells the host when one is not kept', async () => {
    const { files, warnings } = openFiles(tempDir());
    const [withPreview, badPreview] = await files.ingest([
      { bytes: PNG_1X1, name: 'dot.png', preview: { bytes: WEBP_1X1, width: 4000, height: 3000 } },
      { bytes: PNG_1X1, name: 'other.png', preview: { bytes: Buffer.from('<svg onload=alert(1)>'), width: 10, height: 10 } },
    ]);
    expect(withPreview!.image).toEqual({ width: 4000, height: 3000 });
    expect(badPreview!.image).toBeUndefined();
    files.shared([withPreview!, badPreview!], 1);
    expect(readFileSync(files.lookup(withPreview!.id)!.previewPath)).toEqual(WEBP_1X1);
    expect(files.lookup(badPreview!.id)!.file.previewType).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/^files: the preview of other\.png was not kept: A preview must be/)]);
  });
});

describe('opening and closing', () => {
  it('keeps across a reopen the files shared up to the last message the log holds', async () => {
    const dir = tempDir();
    const first = openFiles(dir).files;
    const [kept, unsaved] = await first.ingest([
      { bytes: new Uint8Array([1]), name: 'kept.bin' },
      { bytes: new Uint8Array([2]), name: 'unsaved.bin' },
    ]);
    first.shared([kept!], 5);
    first.shared([unsaved!], 9);
    first.close();
    const again = openFiles(dir, {}, 5).files;
    expect(again.lookup(kept!.id)?.file.seq).toBe(5);
    expect(again.lookup(unsaved!.id)).toBeUndefined();
  });

  it('falls back to a temporary folder, with a warning, when its own cannot be used', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const { files, warnings } = openFiles(join(file, 'files'));
    expect(warnings).toEqual([expect.stringMatching(/^files: cannot use .*; shared files are kept only while the room runs$/)]);
    const [ref] = await files.ingest([{ bytes: new Uint8Array([1]), name: 'a.bin' }]);
    files.shared([ref!], 1);
    const folder = join(files.lookup(ref!.id)!.path, '..');
    files.close();
    expect(existsSync(folder)).toBe(false);
    // Closed, they share nothing and know no file.
    await expect(files.ingest([{ bytes: new Uint8Array([1]), name: 'b.bin' }])).rejects.toThrow(/the room is not running/);
    expect(files.lookup(ref!.id)).toBeUndefined();
  });
});
