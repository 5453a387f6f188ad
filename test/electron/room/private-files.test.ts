// The data directory private to the user (private-files.ts): folders made 0700 and files 0600, and ones
// an older version left readable to everyone tightened when opened. Windows has no such modes (its
// folders are private through their ACLs): there the promise is that nothing is made read-only.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFilePrivate, privateDir } from '../../../electron/room/private-files.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-private-');
const posix = process.platform !== 'win32';

/** `path` is private to the user: exactly `mode` on POSIX, still writable on Windows. */
function expectPrivate(path: string, mode: number): void {
  const actual = statSync(path).mode & 0o777;
  if (posix) expect(actual.toString(8), path).toBe(mode.toString(8));
  else expect(actual & 0o200, path).toBe(0o200);
}

describe('privateDir', () => {
  it('creates a folder and its missing parents private to the user', () => {
    const dir = join(tempDir(), 'data', 'history');
    privateDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expectPrivate(dir, 0o700);
    expectPrivate(join(dir, '..'), 0o700);
  });

  it('tightens a folder an older version left open to everyone, keeping what it holds', () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'settings.json'), '{}');
    privateDir(dir);
    expectPrivate(dir, 0o700);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{}');
  });

  it('fails when a file stands where the folder should be', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    expect(() => privateDir(file)).toThrow(/EEXIST|ENOTDIR/);
  });
});

describe('makeFilePrivate', () => {
  it('makes a file readable by the user only, keeping its bytes', () => {
    const file = join(tempDir(), 'settings.json');
    writeFileSync(file, '{"pin":"1234"}');
    chmodSync(file, 0o644);
    makeFilePrivate(file);
    expectPrivate(file, 0o600);
    expect(readFileSync(file, 'utf8')).toBe('{"pin":"1234"}');
  });

  it('leaves a missing file missing', () => {
    const missing = join(tempDir(), 'not-yet');
    expect(() => makeFilePrivate(missing)).not.toThrow();
    expect(statSync(missing, { throwIfNoEntry: false })).toBeUndefined();
  });

  it('fails on any other trouble than a missing file', () => {
    // A path no file system takes: the error is the caller's to see, not swallowed as "missing".
    expect(() => makeFilePrivate(join(tempDir(), 'bad\u0000name'))).toThrow(/null bytes/);
  });
});
