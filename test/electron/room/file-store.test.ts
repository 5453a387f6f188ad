// The store's folder on disk: what a restart keeps (files a stored message shares) and what it removes
// (uploads in progress, files never sent or sent after the log's end, records that do not match),
// the bytes it counts, and a temporary store that leaves nothing behind.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileRef } from '../../../common/model.js';
import { FileStore, newFileId } from '../../../electron/room/file-store.js';
import { useCleanups } from '../../support/cleanup.js';
import { sha256 } from '../../support/files.js';

const { tempDir } = useCleanups('lan-chat-store-');

/** Stores `bytes` as an upload would leave them, with an optional preview; returns the reference. */
function add(store: FileStore, bytes: Buffer, preview?: Buffer): FileRef {
  const id = newFileId();
  writeFileSync(store.tempPath(id), bytes);
  if (preview) writeFileSync(store.tempPreviewPath(id), preview);
  const ref: FileRef = { id, name: `${id}.bin`, size: bytes.length, type: 'application/octet-stream', sha256: sha256(bytes) };
  if (preview) ref.image = { width: 10, height: 10 };
  store.add(ref, preview ? 'image/webp' : null);
  return ref;
}

describe('FileStore', () => {
  it('keeps across a reopen exactly the files stored messages share', () => {
    const dir = tempDir();
    const store = FileStore.open(dir, 0);
    const sent = add(store, Buffer.from('sent'), Buffer.from('preview'));
    const sentLate = add(store, Buffer.from('after the log'));
    const unsent = add(store, Buffer.from('never sent'));
    store.shared([sent.id], 5);
    store.shared([sentLate.id], 9);
    writeFileSync(store.tempPath('half'), 'an upload in progress');
    expect(store.usedBytes).toBe(4 + 7 + 13 + 10);
    store.close();

    const warnings: string[] = [];
    const again = FileStore.open(dir, 5, (w) => warnings.push(w));
    expect(again.get(sent.id)).toMatchObject({ ref: sent, seq: 5, previewType: 'image/webp' });
    expect(again.get(sentLate.id)).toBeUndefined();
    expect(again.get(unsent.id)).toBeUndefined();
    expect(again.usedBytes).toBe(4 + 7);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([sent.id, `${sent.id}.json`, `${sent.id}.preview`, 'tmp'].sort());
    expect(warnings).toEqual([]);
  });

  it('removes, with a warning, a record that does not match its bytes, and bytes that have no record', () => {
    const dir = tempDir();
    const store = FileStore.open(dir, 0);
    const file = add(store, Buffer.from('12345'));
    store.shared([file.id], 1);
    store.close();
    writeFileSync(join(dir, file.id), 'truncated');
    const stray = newFileId();
    writeFileSync(join(dir, stray), 'no record');
    writeFileSync(join(dir, `${newFileId()}.json`), '{not json');
    const warnings: string[] = [];
    const again = FileStore.open(dir, 10, (w) => warnings.push(w));
    expect(again.count).toBe(0);
    expect(readdirSync(dir)).toEqual(['tmp']);
    expect(warnings).toHaveLength(2);
  });

  it('deletes shared files on clear and leaves files waiting to be sent', () => {
    const store = FileStore.open(tempDir(), 0);
    const shared = add(store, Buffer.from('old'));
    const waiting = add(store, Buffer.from('new'));
    store.shared([shared.id], 1);
    expect(store.removeShared()).toBe(1);
    expect(existsSync(store.path(shared.id))).toBe(false);
    expect(store.get(waiting.id)).toBeDefined();
    expect(store.usedBytes).toBe(3);
  });

  it('uses a temporary folder when it has none, and removes it on close', async () => {
    const store = FileStore.open(undefined);
    add(store, Buffer.from('temp'));
    expect(existsSync(store.dir)).toBe(true);
    expect(await store.freeBytes()).toBeGreaterThan(0);
    store.close();
    expect(existsSync(store.dir)).toBe(false);
  });

  it('answers only for ids, never for a name that could be a path', () => {
    const store = FileStore.open(tempDir(), 0);
    for (const id of ['..', '../settings', 'tmp', '', 'a/b']) expect(store.get(id)).toBeUndefined();
  });
});
