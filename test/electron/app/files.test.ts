// Saving and showing a shared file from the host window (files.ts), with `electron` faked and a real
// room's real file: the exact bytes copied where the host chooses, nothing written on a cancel, and a
// file no longer in the room an answer, not a crash.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Room } from '../../../electron/room/room.js';
import { useCleanups } from '../../support/cleanup.js';
import { BrowserWindow, fake } from '../fake-electron.js';

vi.mock('electron', () => import('../fake-electron.js'));
const { saveSharedFile, showSharedFile } = await import('../../../electron/app/files.js');

const { defer, tempDir } = useCleanups('lan-chat-app-files-');
const window = new BrowserWindow({ webPreferences: {} }) as unknown as ElectronWindow;

beforeEach(() => {
  fake.saveDialogs.length = 0;
  fake.calls.length = 0;
});

/** A running room in which the host shared `bytes` as `name`: the message and the shared file. */
async function sharedInRoom(bytes: Buffer, name: string) {
  const room = new Room({ bindAddress: '127.0.0.1', port: 0 });
  await room.listen();
  defer(() => room.close());
  const message = await room.shareFiles([{ bytes, name }]);
  return { room, message, shared: room.sharedFile(message.files![0]!.id)! };
}

describe('saveSharedFile', () => {
  it('copies the exact bytes where the host chooses, the dialog offering the name in Downloads over the window', async () => {
    const bytes = randomBytes(50_000);
    const { shared } = await sharedInRoom(bytes, '会议 notes.bin');
    const downloads = tempDir();
    fake.paths.set('downloads', downloads);
    fake.savePath = join(tempDir(), 'kept.bin');
    expect(await saveSharedFile(window, shared)).toEqual({ saved: true, path: fake.savePath });
    expect(readFileSync(fake.savePath).equals(bytes)).toBe(true);
    expect(fake.saveDialogs).toEqual([[window, { title: '会议 notes.bin', defaultPath: join(downloads, '会议 notes.bin') }]]);
  });

  it('writes nothing when the host cancels', async () => {
    const { shared } = await sharedInRoom(Buffer.from('draft'), 'draft.txt');
    const folder = tempDir();
    fake.paths.set('downloads', folder);
    fake.savePath = null;
    expect(await saveSharedFile(undefined, shared)).toEqual({ saved: false, reason: 'cancelled' });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('answers for a file no longer in the room, before or after the dialog', async () => {
    expect(await saveSharedFile(window, undefined)).toEqual({
      saved: false,
      reason: 'error',
      message: 'the file is no longer in the room',
    });
    expect(fake.saveDialogs).toEqual([]);

    // Looked up for the host's click, then removed with its message before the copy.
    const { room, message, shared } = await sharedInRoom(Buffer.from('gone soon'), 'gone.txt');
    room.removeMessage(message.seq);
    fake.savePath = join(tempDir(), 'gone.txt');
    expect(await saveSharedFile(window, shared)).toEqual({ saved: false, reason: 'error', message: expect.stringContaining('ENOENT') });
    expect(readdirSync(join(fake.savePath, '..'))).toEqual([]);
  });
});

describe('showSharedFile', () => {
  it('opens the folder with the file selected, and does nothing for a file no longer in the room', async () => {
    const { shared } = await sharedInRoom(Buffer.from('x'), 'x.txt');
    expect(showSharedFile(shared)).toBe(true);
    expect(fake.calls).toEqual([`showItemInFolder ${shared.path}`]);
    expect(showSharedFile(undefined)).toBe(false);
    expect(fake.calls).toHaveLength(1);
  });
});
