// The host's rules as state: what a ban and a mute cover, their end (one timer), and that everything
// is stored after each change and read back by the next room on the same data directory.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Moderation, sessionDigest, type ModerationEvents } from '../../../electron/room/moderation.js';
import { fileModerationStore, type StoredRestriction } from '../../../electron/room/moderation-store.js';
import { useCleanups } from '../../support/cleanup.js';

const { tempDir } = useCleanups('lan-chat-moderation-');

afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  const warnings: string[] = [];
  const events = { expired: vi.fn<ModerationEvents['expired']>(), warning: (message: string) => void warnings.push(message), warnings };
  return events satisfies ModerationEvents;
}

const ann = { name: 'Ann', address: '10.0.0.7', session: 'token-of-ann' };

describe('Moderation', () => {
  it('bans by address and by session; mutes by session only', () => {
    const rules = new Moderation(null, recorder());
    rules.ban(ann, 10);
    expect(rules.banOf('10.0.0.7', null)?.name).toBe('Ann');
    expect(rules.banOf('10.0.0.9', 'token-of-ann')?.name).toBe('Ann');
    expect(rules.banOf('10.0.0.9', 'someone else')).toBeUndefined();

    rules.mute({ ...ann, name: 'Ann', address: '10.0.0.8', session: 'token-2' }, null);
    expect(rules.muteOf('token-2')?.until).toBeNull();
    expect(rules.muteOf('token-3')).toBeUndefined();
    expect(rules.muteOf(null)).toBeUndefined();
  });

  it('changes the ban that covers someone already instead of adding another', () => {
    const rules = new Moderation(null, recorder());
    const first = rules.ban(ann, 10);
    const second = rules.ban({ ...ann, session: 'new token' }, null);
    expect(second.id).toBe(first.id);
    expect(rules.bans()).toEqual([expect.objectContaining({ id: first.id, until: null })]);
    expect(rules.banOf('10.0.0.99', 'new token')).toBeDefined();
  });

  it('lifts a ban or mute when its time is up, with one timer for all of them', () => {
    vi.useFakeTimers();
    const events = recorder();
    const rules = new Moderation(null, events);
    rules.ban(ann, 10);
    const mute = rules.mute({ ...ann, session: 'b' }, 5);
    rules.ban({ name: 'Cid', address: '10.0.0.3', session: null }, null);
    vi.advanceTimersByTime(5 * 60_000);
    expect(events.expired).toHaveBeenCalledWith('mute', expect.objectContaining({ id: mute.id }));
    expect(rules.mutes()).toEqual([]);
    expect(rules.bans()).toHaveLength(2);
    vi.advanceTimersByTime(5 * 60_000);
    expect(events.expired).toHaveBeenCalledTimes(2);
    expect(rules.bans().map((b) => b.name)).toEqual(['Cid']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('checks what it is given', () => {
    const rules = new Moderation(null, recorder());
    for (const minutes of [0, -1, 2.5, 365 * 24 * 60 + 1]) expect(() => rules.ban(ann, minutes)).toThrow(RangeError);
    for (const seconds of [-1, 1.5, 3601, Number.NaN]) expect(() => rules.setSlowMode(seconds)).toThrow(RangeError);
    expect(rules.setSlowMode(3600)).toBe(true);
    expect(rules.setSlowMode(3600)).toBe(false);
  });

  it('survives a restart on the same data directory; what ran out meanwhile is gone', () => {
    const dataDir = tempDir();
    let now = Date.parse('2026-05-01T10:00:00Z');
    const clock = () => now;
    const first = new Moderation(fileModerationStore(dataDir), recorder(), clock);
    first.setLocked(true);
    first.setWaitingRoom(true);
    first.setSlowMode(20);
    first.ban(ann, null);
    first.ban({ name: 'Brief', address: '10.0.0.5', session: null }, 1);
    first.mute({ name: 'Quiet', address: '10.0.0.6', session: 'q' }, 60);
    first.stop();

    now += 2 * 60_000;
    const second = new Moderation(fileModerationStore(dataDir), recorder(), clock);
    expect([second.locked, second.waitingRoom, second.slowModeSeconds]).toEqual([true, true, 20]);
    expect(second.bans().map((b) => b.name)).toEqual(['Ann']);
    expect(second.banOf('10.0.0.99', 'token-of-ann')).toBeDefined();
    expect(second.muteOf('q')?.name).toBe('Quiet');
    second.stop();
  });

  it('keeps session digests, never the tokens, in the file', async () => {
    const dataDir = tempDir();
    const rules = new Moderation(fileModerationStore(dataDir), recorder());
    rules.ban(ann, null);
    rules.stop();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(`${dataDir}/moderation.json`, 'utf8');
    expect(text).not.toContain('token-of-ann');
    const stored = JSON.parse(text) as { bans: StoredRestriction[] };
    expect(stored.bans[0]!.sessions).toEqual([sessionDigest('token-of-ann')]);
  });

  it('goes on in memory when it cannot store, and says so', () => {
    const events = recorder();
    const rules = new Moderation(
      {
        load: () => ({ locked: false, waitingRoom: false, slowModeSeconds: 0, bans: [], mutes: [] }),
        save: () => {
          throw new Error('disk full');
        },
      },
      events,
    );
    expect(rules.setLocked(true)).toBe(true);
    expect(rules.locked).toBe(true);
    expect(events.warnings).toEqual(['moderation: saving failed (disk full); the rules hold until the room stops']);
  });
});
