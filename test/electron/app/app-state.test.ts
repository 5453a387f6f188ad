// What the app remembers that is not a setting, on real files in a temp folder.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appStatePath, loadAppState, saveAppState } from '../../../electron/app/app-state.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-app-state-');

describe('app state', () => {
  it('starts with nothing remembered, and remembers what is saved', () => {
    const dir = join(tempDir(), 'not-yet');
    expect(loadAppState(dir)).toEqual({ closeNoticeShown: false });
    saveAppState(dir, { closeNoticeShown: true });
    expect(loadAppState(dir)).toEqual({ closeNoticeShown: true });
    expect(JSON.parse(readFileSync(appStatePath(dir), 'utf8'))).toEqual({ closeNoticeShown: true });
  });

  it.each(['{"closeNoticeShown": tr', '[]', 'null', '{"closeNoticeShown": "yes"}'])('reads %j as nothing remembered', (text) => {
    const dir = tempDir();
    writeFileSync(appStatePath(dir), text);
    expect(loadAppState(dir)).toEqual({ closeNoticeShown: false });
  });

  it('throws when the folder cannot be written', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    expect(() => saveAppState(join(file, 'inside'), { closeNoticeShown: true })).toThrow();
  });
});
