// main.ts started by the login item (`--start-in-tray`), with `electron` faked and a real room: the room
// runs in the tray with no window until the host opens it; with "keep running in the tray" turned off,
// closing the window quits as before, closing the room first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../electron/ipc-contract.js';
import { rawClient, stopAll, type Client } from '../support/room-fixture.js';
import { app, fake, invokeAs, quitApp, type BrowserWindow } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

const userData = mkdtempSync(join(tmpdir(), 'lan-chat-login-start-'));
process.env.XDG_CONFIG_HOME = join(userData, 'config');

beforeAll(async () => {
  fake.switches.set('user-data-dir', userData);
  fake.switches.set('room-host', '127.0.0.1');
  fake.switches.set('room-port', '0');
  fake.switches.set('start-in-tray', '');
  await import('../../electron/main.js');
  fake.ready();
  await vi.waitFor(() => expect(fake.trays).toHaveLength(1));
});

afterAll(async () => {
  await stopAll();
  await quitApp();
  rmSync(userData, { recursive: true, force: true });
});

describe('started at login', () => {
  let window: BrowserWindow;
  let port: number;
  let guest: Client;

  it('runs the room in the tray without opening the window', async () => {
    const [tray] = fake.trays;
    await vi.waitFor(() => expect(tray!.item(/^Room is/).label).toBe('Room is running'));
    expect(fake.windows).toEqual([]);
    // Guests join by the link the tray copies.
    tray!.item('Copy join link').click!();
    port = Number(new URL(fake.clipboard).port);
    guest = await rawClient(`ws://127.0.0.1:${port}/`);
  });

  it('opens the window from the tray', async () => {
    fake.trays[0]!.item('Open LAN Chat').click!();
    expect(fake.windows).toHaveLength(1);
    window = fake.windows[0]!;
    const snapshot = await invokeAs<Snapshot>(window, 'lan-chat:get-snapshot');
    expect(snapshot.status.port).toBe(port);
    expect(snapshot.clients).toHaveLength(1);
  });

  it('with "keep running in the tray" off, leaves the tray, and closing the window stops the room and quits', async () => {
    await invokeAs(window, 'lan-chat:update-settings', { keepRunningInTray: false });
    expect(fake.trays[0]!.destroyed).toBe(true);
    const closed = guest.closed.then(({ code }) => code);
    window.emit('closed');
    app.emit('window-all-closed');
    expect(await closed).toBe(1001);
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
    expect(fake.notifications).toEqual([]);
  });
});
