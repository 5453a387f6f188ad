// The settings file: atomic saves, and loading that never stops the host (bad fields get their defaults).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { loadSettings, saveSettings, settingsPath } from '../../../electron/room/settings-store.js';
import type { RoomSettings } from '../../../common/host-view.js';
import { useCleanups } from '../../support/cleanup.js';
import { CUSTOM_SETTINGS as custom } from '../../support/settings.js';

const { tempDir } = useCleanups('lan-chat-settings-');

function load(dataDir: string): { settings: RoomSettings; warnings: string[] } {
  const warnings: string[] = [];
  const settings = loadSettings(dataDir, (w) => warnings.push(w));
  return { settings, warnings };
}

describe('settings store', () => {
  it('gives the defaults without a warning when there is no file', () => {
    expect(load(join(tempDir(), 'not-yet'))).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
  });

  it('saves atomically and loads back what it saved', () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    saveSettings(dataDir, custom);
    expect(load(dataDir)).toEqual({ settings: custom, warnings: [] });
    saveSettings(dataDir, { ...custom, roomName: 'Renamed' });
    expect(load(dataDir).settings.roomName).toBe('Renamed');
    // Only the settings file remains: the temporary file was renamed over it.
    expect(readdirSync(dataDir)).toEqual(['settings.json']);
  });

  it('refuses to save bad settings and leaves the old file untouched', () => {
    const dataDir = tempDir();
    saveSettings(dataDir, custom);
    const before = readFileSync(settingsPath(dataDir), 'utf8');
    expect(() => saveSettings(dataDir, { ...custom, port: 70000 })).toThrow(/port/);
    expect(readFileSync(settingsPath(dataDir), 'utf8')).toBe(before);
    expect(readdirSync(dataDir)).toEqual(['settings.json']);
  });

  it('falls back to the defaults with a warning for a file that is not JSON', () => {
    const dataDir = tempDir();
    writeFileSync(settingsPath(dataDir), '{"port": 80');
    const { settings, warnings } = load(dataDir);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot read .*settings\.json.*using the defaults/);
  });

  it('falls back to the defaults with a warning for JSON that is not an object', () => {
    const dataDir = tempDir();
    writeFileSync(settingsPath(dataDir), '[1, 2]');
    const { settings, warnings } = load(dataDir);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warnings[0]).toMatch(/does not hold a settings object/);
  });

  it('keeps the good fields of a file and replaces each bad one by its default', () => {
    const dataDir = tempDir();
    writeFileSync(
      settingsPath(dataDir),
      JSON.stringify({ port: 'eighty', roomName: '  Kitchen  ', hostName: '\u202e', pin: '12', theme: 'dark', language: 'fr', extra: 1 }),
    );
    const { settings, warnings } = load(dataDir);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, roomName: 'Kitchen', theme: 'dark' });
    expect(warnings).toHaveLength(5);
    expect(warnings.join('\n')).toMatch(/port must be/);
    expect(warnings.join('\n')).toMatch(/hostName must not be empty/);
    expect(warnings.join('\n')).toMatch(/a PIN is 4 to 32 letters or digits/);
    expect(warnings.join('\n')).toMatch(/language must be one of/);
    expect(warnings.join('\n')).toMatch(/unknown setting "extra"/);
  });

  it('does not write anything when only loading', () => {
    const dataDir = join(tempDir(), 'fresh');
    load(dataDir);
    expect(existsSync(dataDir)).toBe(false);
  });
});
