// The Wi-Fi step's store with `electron` faked (safeStorage included) and real files: the password is
// never on disk in clear, never in settings.json, comes back after a restart, and stays in memory only
// where the OS has no encryption to offer.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WifiNetwork } from '../../../common/wifi.js';
import { WifiStore } from '../../../electron/app/wifi.js';
import { saveSettings } from '../../../electron/room/settings-store.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { safeStorage } from '../fake-electron.js';

vi.mock('electron', () => import('../fake-electron.js'));

const home: WifiNetwork = { ssid: 'Home Wi-Fi', password: 'correct horse battery', security: 'WPA', hidden: false };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lan-chat-wifi-'));
  safeStorage.available = true;
  safeStorage.backend = 'gnome-libsecret';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every byte the app left in its user-data folder, as text. */
const everythingOnDisk = () =>
  readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'latin1'))
    .join('\n');

describe('WifiStore', () => {
  it('keeps the network encrypted in its own file and reads it back after a restart', () => {
    saveSettings(dir, DEFAULT_SETTINGS);
    expect(new WifiStore(dir).set(home)).toEqual({ network: home, persisted: true });
    expect(everythingOnDisk()).not.toContain('correct horse');
    expect(everythingOnDisk()).not.toContain('Home Wi-Fi');
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toMatch(/wifi|horse/i);
    expect(new WifiStore(dir).get()).toEqual({ network: home, persisted: true });
  });

  it('removes the file when the step is removed', () => {
    const store = new WifiStore(dir);
    store.set(home);
    expect(store.set(null)).toEqual({ network: null, persisted: true });
    expect(existsSync(join(dir, 'wifi.bin'))).toBe(false);
    expect(new WifiStore(dir).get().network).toBeNull();
  });

  it.each([
    ['no encryption at all', () => (safeStorage.available = false)],
    // A Linux desktop without a secret service: "encrypted" with a password anyone can read in Chromium's source.
    ['only basic_text, on Linux', () => (safeStorage.backend = 'basic_text')],
  ])('with %s keeps the network in memory only, and says so', (_case, setUp) => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      setUp();
      const store = new WifiStore(dir);
      expect(store.set(home)).toEqual({ network: home, persisted: false });
      expect(readdirSync(dir)).toEqual([]);
      expect(new WifiStore(dir).get()).toEqual({ network: null, persisted: false });
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('leaves out, with a warning, a file it cannot decrypt or that holds no valid network', () => {
    for (const content of [Buffer.from('not encrypted'), safeStorage.encryptString('{"ssid":"x"}')]) {
      writeFileSync(join(dir, 'wifi.bin'), content);
      const warnings: string[] = [];
      expect(new WifiStore(dir, (message) => warnings.push(message)).get().network).toBeNull();
      expect(warnings).toHaveLength(1);
    }
  });
});
