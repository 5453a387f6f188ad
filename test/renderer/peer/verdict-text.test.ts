// What the page says when the host takes someone out or keeps them out, in real Chromium against a real
// room: kicked (and back with one press of Join), banned with the time left (also after a reload, and
// with what was typed offline dropped, never delivered), a locked room, a new PIN.
import { afterEach, describe, expect, it } from 'vitest';
import { confirmedTexts, log, messageBox, people, say, usePeerPages, type PeerPage } from '../../support/peer-pages.js';
import { startProxy } from '../../support/tcp-proxy.js';

const pages = usePeerPages();
const proxies: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
});

const joinButton = (peer: PeerPage) => peer.page.getByRole('button', { name: 'Join', exact: true });
const alert = (peer: PeerPage) => peer.page.getByRole('alert');
const idOf = (room: { clients(): { id: string; name: string }[] }, name: string) => room.clients().find((c) => c.name === name)!.id;

/** A page that reaches the room through a relay, so the room sees it come from `address`. */
async function from(address: string, port: number) {
  const proxy = await startProxy(port, address);
  proxies.push(proxy);
  return { proxy, url: `http://127.0.0.1:${proxy.port}/?lang=en` };
}

describe('taken out by the host', () => {
  it('kicked: the page says so, and one press of Join brings them back', async () => {
    const { room, url } = await pages.startRoom();
    const bob = await pages.joinAs(`${url}?lang=en`, 'Bob');
    room.kick(idOf(room, 'Bob'));
    await expect.poll(() => alert(bob).textContent()).toBe('The host removed you from the room.');
    await joinButton(bob).click();
    await messageBox(bob.page).waitFor();
  });

  it('banned: says so with the time left, also after a reload, until the host lifts it', async () => {
    const { room, port, url } = await pages.startRoom();
    const watcher = await pages.joinAs(`${url}?lang=en`, 'Watcher');
    const relay = await from('127.0.0.2', port);
    const mallory = await pages.joinAs(relay.url, 'Mallory');
    const ban = room.ban(idOf(room, 'Mallory'), 10)!;
    await expect.poll(() => alert(mallory).textContent()).toBe('You are banned from this room. You can come back in 10 minutes.');
    await log(watcher.page).getByText('\u2068Mallory\u2069 was banned by the host').waitFor();
    await expect.poll(() => people(watcher.page).count()).toBe(2);

    await mallory.page.reload();
    await joinButton(mallory).click();
    await expect.poll(() => alert(mallory).textContent()).toBe('You are banned from this room. You can come back in 10 minutes.');

    room.unban(ban.id);
    await log(watcher.page).getByText('The host lifted the ban on \u2068Mallory\u2069').waitFor();
    await joinButton(mallory).click();
    await messageBox(mallory.page).waitFor();
  });

  it('drops what a banned page typed offline, says how much, and nobody ever receives it', async () => {
    const { room, port, url } = await pages.startRoom({ limits: { resumeGraceMs: 60_000 } });
    const watcher = await pages.joinAs(`${url}?lang=en`, 'Watcher');
    const relay = await from('127.0.0.2', port);
    const mallory = await pages.joinAs(relay.url, 'Mallory');
    relay.proxy.setUp(false);
    await expect.poll(() => mallory.page.locator('.connection').getAttribute('class')).toContain('connection-waiting');
    await say(mallory.page, 'typed offline one');
    await say(mallory.page, 'typed offline two');
    await expect.poll(() => mallory.page.getByText('Waiting for the connection').count()).toBe(2);

    room.ban(idOf(room, 'Mallory'), null);
    relay.proxy.setUp(true);
    // The network is back: the page retries at once (its backoff timer may have fired already, so the
    // "Retry now" button is not always there to press).
    await mallory.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(() => alert(mallory).textContent())
      .toBe('You are banned from this room until the host lifts the ban. Messages you wrote while offline were not sent (2).');
    room.send('after the ban');
    await expect.poll(() => confirmedTexts(watcher.page)).toEqual(['after the ban']);
    expect(room.history().map((m) => m.text)).toEqual(['after the ban']);
  });
});

describe('kept out', () => {
  it('a locked room tells a newcomer so; those inside stay, and the page shows the lock', async () => {
    const { room, url } = await pages.startRoom();
    const inside = await pages.joinAs(`${url}?lang=en`, 'Inside');
    room.setLocked(true);
    await inside.page.locator('.room-flags').getByText('Locked').waitFor();
    await log(inside.page).getByText('The host locked the room: nobody new can join').waitFor();

    const newcomer = await pages.openPeer(`${url}?lang=en`);
    await newcomer.page.getByRole('textbox', { name: 'Your name', exact: true }).fill('Newcomer');
    await joinButton(newcomer).click();
    await expect.poll(() => alert(newcomer).textContent()).toBe('The room is locked: the host is not letting anyone new in right now.');

    await inside.page.reload();
    await messageBox(inside.page).waitFor();
    room.setLocked(false);
    await expect.poll(() => inside.page.locator('.room-flags').count()).toBe(0);
    await joinButton(newcomer).click();
    await messageBox(newcomer.page).waitFor();
  });

  it('a new PIN: those without it are asked for it, and come back in with it', async () => {
    const { room, url } = await pages.startRoom();
    const alice = await pages.joinAs(`${url}?lang=en`, 'Alice');
    room.updateSettings({ pin: '2468' }, { removeConnected: true });
    const pin = alice.page.getByRole('textbox', { name: 'Room PIN', exact: true });
    await pin.waitFor();
    await expect.poll(() => alert(alice).textContent()).toBe('The room’s PIN changed. Enter the new PIN to come back in.');
    await pin.fill('2468');
    await joinButton(alice).click();
    await messageBox(alice.page).waitFor();
  });
});
