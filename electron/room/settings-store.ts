// The host's settings as `<dataDir>/settings.json`: validated field by field on the way in (the rules are
// in common/settings.ts), written atomically so a crash mid-save leaves the old file intact.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoomSettings } from '../../common/host-view.js';
import { DEFAULT_SETTINGS, isSettingKey, validateSetting, validateSettingsUpdate } from '../../common/settings.js';
import { messageOf } from '../../common/errors.js';
import { writeFileAtomic } from './atomic-file.js';

export function settingsPath(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

/**
 * The stored settings; a missing file gives the defaults. A file that cannot be read or parsed gives the
 * defaults, and a bad field its default, each with a warning: a broken file never stops the host.
 */
export function loadSettings(dataDir: string, onWarning: (message: string) => void = () => {}): RoomSettings {
  const path = settingsPath(dataDir);
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      onWarning(`settings: cannot read ${path} (${messageOf(error)}); using the defaults`);
    }
    return { ...DEFAULT_SETTINGS };
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    onWarning(`settings: ${path} does not hold a settings object; using the defaults`);
    return { ...DEFAULT_SETTINGS };
  }
  const settings: RoomSettings = { ...DEFAULT_SETTINGS };
  const fields = settings as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(stored)) {
    if (!isSettingKey(key)) {
      onWarning(`settings: ignoring unknown setting "${key}" in ${path}`);
      continue;
    }
    try {
      fields[key] = validateSetting(key, value);
    } catch (error) {
      onWarning(`settings: ${messageOf(error)} in ${path}; using the default ${JSON.stringify(fields[key])}`);
    }
  }
  return settings;
}

/**
 * Validates and stores the settings: written to a temporary file, flushed, then renamed over the old one,
 * so a reader or a crash sees either the old or the new file, never half of one. Throws on a bad field
 * or a storage error.
 */
export function saveSettings(dataDir: string, settings: RoomSettings): void {
  const clean = { ...DEFAULT_SETTINGS, ...validateSettingsUpdate(settings) };
  writeFileAtomic(settingsPath(dataDir), `${JSON.stringify(clean, null, 2)}\n`);
}
