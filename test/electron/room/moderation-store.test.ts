// moderation.json: written whole or not at all, read back field by field, a broken file or record
// skipped with a warning.
import { readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyModeration, fileModerationStore, moderationPath } from '../../../electron/room/moderation-store.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-moderation-store-');

const ban = { id: 'b1', name: 'Ann', address: '10.0.0.7', since: 1, until: null, sessions: ['ab'] };

function loaded(contents: string) {
  const dataDir = tempDir();
  writeFileSync(moderationPath(dataDir), contents);
  const warnings: string[] = [];
  return { state: fileModerationStore(dataDir, (w) => warnings.push(w)).load(), warnings };
}

describe('fileModerationStore', () => {
  it('starts empty without a file, and reads back what it saved', () => {
    const dataDir = tempDir();
    const store = fileModerationStore(dataDir);
    expect(store.load()).toEqual(emptyModeration());
    const state = { locked: true, waitingRoom: false, slowModeSeconds: 30, bans: [ban], mutes: [] };
    store.save(state);
    expect(store.load()).toEqual(state);
    // No temporary file left behind.
    expect(readdirSync(dataDir)).toEqual(['moderation.json']);
  });

  it('skips what it cannot read, with a warning, and keeps the rest', () => {
    const { state, warnings } = loaded(
      JSON.stringify({ locked: true, slowModeSeconds: 99999, bans: [ban, { id: 7 }, 'x'], mutes: 'none' }),
    );
    expect(state).toEqual({ locked: true, waitingRoom: false, slowModeSeconds: 0, bans: [ban], mutes: [] });
    expect(warnings).toEqual([expect.stringMatching(/skipped 2 unreadable ban/), expect.stringMatching(/mutes .* are not a list/)]);
  });

  it('starts empty from a file that is not JSON or not an object', () => {
    for (const contents of ['{ nope', '[1,2]', 'null']) {
      const { state, warnings } = loaded(contents);
      expect(state).toEqual(emptyModeration());
      expect(warnings).toHaveLength(1);
    }
  });
});
