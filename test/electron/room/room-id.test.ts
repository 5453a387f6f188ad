// The room's id (room-id.ts): drawn at random, kept in `<dataDir>/room-id` so a data directory's room is
// the same room after a restart, and drawn again when the stored one is missing or damaged.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRoomId, roomIdOf } from '../../../electron/room/room-id.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-room-id-');
const ID = /^[\w-]{22}$/;

describe('newRoomId', () => {
  it('draws 128 random bits as 22 base64url characters, a new id each time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newRoomId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(ID);
  });
});

describe('roomIdOf', () => {
  it('makes an id on first use, stores it private to the user, and gives the same one after', () => {
    const dataDir = tempDir();
    const id = roomIdOf(dataDir);
    expect(id).toMatch(ID);
    const path = join(dataDir, 'room-id');
    expect(readFileSync(path, 'utf8')).toBe(`${id}\n`);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(roomIdOf(dataDir)).toBe(id);
    // Another data directory is another room.
    expect(roomIdOf(tempDir())).not.toBe(id);
  });

  it('keeps an id written by hand or by an older version, with space around it', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'room-id'), '  our-room_0123456789abcdef  \r\n');
    expect(roomIdOf(dataDir)).toBe('our-room_0123456789abcdef');
  });

  it('replaces a damaged id with a new one, and keeps that one', () => {
    for (const damaged of ['', 'short', 'has spaces in the middle!', 'x'.repeat(65), '../../etc/passwd-0123456']) {
      const dataDir = tempDir();
      writeFileSync(join(dataDir, 'room-id'), damaged);
      const id = roomIdOf(dataDir);
      expect(id, damaged).toMatch(ID);
      expect(readFileSync(join(dataDir, 'room-id'), 'utf8'), damaged).toBe(`${id}\n`);
      expect(roomIdOf(dataDir), damaged).toBe(id);
    }
  });

  it('fails, instead of drawing a new id, when the file is there but cannot be read', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'room-id'));
    expect(() => roomIdOf(dataDir)).toThrow(/EISDIR/);
  });
});
