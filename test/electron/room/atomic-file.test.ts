// Writing a file whole or not at all.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/room/atomic-file.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-atomic-');

describe('writeFileAtomic', () => {
  it('creates the folder, replaces the file, and leaves no temporary file', () => {
    const path = join(tempDir(), 'deep', 'state.json');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(path, '..'))).toEqual(['state.json']);
  });

  it('throws when the file cannot be replaced, and leaves what was there and no temporary file', () => {
    const dir = tempDir();
    // A folder where the file should go: the rename over it fails, whoever runs the test.
    mkdirSync(join(dir, 'state.json', 'inside'), { recursive: true });
    expect(() => writeFileAtomic(join(dir, 'state.json'), 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['state.json']);
    expect(readdirSync(join(dir, 'state.json'))).toEqual(['inside']);
  });
});
