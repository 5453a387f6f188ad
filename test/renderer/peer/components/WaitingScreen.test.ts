// The waiting room as a guest sees it, in real Chromium: "Waiting for the host to let you in" until the
// host admits them (straight into the chat), turns them away (the join screen says so), or they cancel.
import { describe, expect, it } from 'vitest';
import { log, messageBox, usePeerPages } from '../../../support/peer-pages.js';

const pages = usePeerPages();

async function arrive(url: string, name: string) {
  const peer = await pages.openPeer(`${url}?lang=en`);
  await peer.page.getByRole('textbox', { name: 'Your name', exact: true }).fill(name);
  await peer.page.getByRole('button', { name: 'Join', exact: true }).click();
  return peer;
}

describe('the waiting room', () => {
  it('holds newcomers with a clear message until the host lets them in or turns them away', async () => {
    const { room, url } = await pages.startRoom({ settings: { roomName: 'Study group' } });
    const inside = await pages.joinAs(`${url}?lang=en`, 'Inside');
    room.setWaitingRoom(true);
    await log(inside.page).getByText('Newcomers now wait for the host to let them in').waitFor();

    const carol = await arrive(url, 'Carol');
    const dave = await arrive(url, 'Dave');
    for (const peer of [carol, dave]) {
      await peer.page.getByRole('status').getByText('Waiting for the host to let you in').waitFor();
      expect(await peer.page.getByRole('textbox', { name: 'Message', exact: true }).count()).toBe(0);
    }
    await expect.poll(() => room.moderationState().waiting.map((w) => w.name)).toEqual(['Carol', 'Dave']);
    expect(room.clients().map((c) => c.name)).toEqual(['Inside']);

    room.admit(room.moderationState().waiting[0]!.id);
    await messageBox(carol.page).waitFor();
    await log(inside.page).getByText('\u2068Carol\u2069 joined').waitFor();

    room.turnAway(room.moderationState().waiting[0]!.id);
    await expect.poll(() => dave.page.getByRole('alert').textContent()).toBe('The host did not let you in.');
  });

  it('lets a guest stop waiting, which takes them off the host’s list', async () => {
    const { room, url } = await pages.startRoom();
    room.setWaitingRoom(true);
    const erin = await arrive(url, 'Erin');
    await erin.page.getByText('Waiting for the host to let you in').waitFor();
    await expect.poll(() => room.moderationState().waiting.length).toBe(1);
    await erin.page.getByRole('button', { name: 'Cancel' }).click();
    await erin.page.getByRole('button', { name: 'Join', exact: true }).waitFor();
    await expect.poll(() => room.moderationState().waiting.length).toBe(0);
  });
});
