// Under the room's name the page shows the lock and slow mode as the host sets them, at once.
import { describe, expect, it } from 'vitest';
import { usePeerPages } from '../../../support/peer-pages.js';

const pages = usePeerPages();

describe('RoomFlags', () => {
  it('follows the lock and slow mode live, and shows nothing when both are off', async () => {
    const { room, url } = await pages.startRoom();
    const alice = await pages.joinAs(`${url}?lang=en`, 'Alice');
    const flags = alice.page.locator('.room-flags');
    expect(await flags.count()).toBe(0);
    room.setLocked(true);
    room.setSlowMode(90);
    await expect.poll(() => flags.textContent()).toBe('LockedSlow mode: one message every 2 minutes.');
    room.setLocked(false);
    await expect.poll(() => flags.textContent()).toBe('Slow mode: one message every 2 minutes.');
    room.setSlowMode(0);
    await expect.poll(() => flags.count()).toBe(0);
  });
});
