// The settings' defaults and the validation of each field, shared by the room, the bridge and the window.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isSettingKey, SettingsError, validateSetting, validateSettingsUpdate } from '../../common/settings.js';
import { CUSTOM_SETTINGS as custom } from '../support/settings.js';

describe('settings', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      port: 7681,
      roomName: 'LAN Chat',
      hostName: 'Host',
      pin: null,
      saveHistory: true,
      language: 'system',
      theme: 'system',
      keepRunningInTray: true,
      openAtLogin: false,
      maxFileBytes: 2 * 1024 ** 3,
      fileStorageBytes: 10 * 1024 ** 3,
      maxUploadsAtOnce: 3,
      uploadBytesPerHour: 4 * 1024 ** 3,
      minFreeDiskBytes: 1024 ** 3,
    });
  });
});

describe('validateSettingsUpdate', () => {
  it('accepts a partial update and cleans names', () => {
    expect(validateSettingsUpdate({ roomName: ' Lab\u0007 night ', pin: '' })).toEqual({ roomName: 'Lab night', pin: null });
    expect(validateSettingsUpdate({})).toEqual({});
    expect(validateSettingsUpdate(custom)).toEqual(custom);
  });

  it.each([
    [null, /must be an object/, 'not-object', null],
    [[], /must be an object/, 'not-object', null],
    ['port=1', /must be an object/, 'not-object', null],
    [{ admin: true }, /unknown setting "admin"/, 'unknown', null],
    [{ port: 0 }, /port/, 'port', 'port'],
    [{ port: 1.5 }, /port/, 'port', 'port'],
    [{ roomName: 42 }, /roomName must be a string/, 'text', 'roomName'],
    [{ hostName: '   ' }, /hostName must not be empty/, 'empty', 'hostName'],
    [{ pin: 1234 }, /PIN/, 'pin', 'pin'],
    [{ pin: '12 34' }, /PIN/, 'pin', 'pin'],
    [{ saveHistory: 'yes' }, /saveHistory must be true or false/, 'boolean', 'saveHistory'],
    [{ keepRunningInTray: 1 }, /keepRunningInTray must be true or false/, 'boolean', 'keepRunningInTray'],
    [{ openAtLogin: 'true' }, /openAtLogin must be true or false/, 'boolean', 'openAtLogin'],
    [{ theme: 'neon' }, /theme must be one of/, 'choice', 'theme'],
    [{ maxFileBytes: 0 }, /maxFileBytes must be a whole number/, 'number', 'maxFileBytes'],
    [{ fileStorageBytes: 1.5 }, /fileStorageBytes/, 'number', 'fileStorageBytes'],
    [{ maxUploadsAtOnce: 101 }, /maxUploadsAtOnce/, 'number', 'maxUploadsAtOnce'],
    [{ uploadBytesPerHour: '1GB' }, /uploadBytesPerHour/, 'number', 'uploadBytesPerHour'],
    [{ minFreeDiskBytes: -1 }, /minFreeDiskBytes/, 'number', 'minFreeDiskBytes'],
  ])('rejects %j with an English message (logs, the command line) and a code (windows translate it)', (input, message, code, field) => {
    expect(() => validateSettingsUpdate(input)).toThrow(TypeError);
    expect(() => validateSettingsUpdate(input)).toThrow(message);
    expect(() => validateSettingsUpdate(input)).toThrow(expect.objectContaining({ code, field }));
    expect(() => validateSettingsUpdate(input)).toThrow(SettingsError);
  });

  it('cuts over-long names instead of refusing them', () => {
    expect(validateSettingsUpdate({ roomName: 'r'.repeat(200) }).roomName).toHaveLength(64);
    expect(validateSettingsUpdate({ hostName: 'h'.repeat(200) }).hostName!.length).toBeLessThanOrEqual(32);
  });
});

describe('one setting at a time', () => {
  it('knows the setting names and nothing else', () => {
    for (const key of Object.keys(DEFAULT_SETTINGS)) expect(isSettingKey(key), key).toBe(true);
    for (const key of ['admin', 'toString', '__proto__', '']) expect(isSettingKey(key), key).toBe(false);
  });

  it('validates and cleans one value, or says what is wrong with it', () => {
    expect(validateSetting('roomName', '  Lab  ')).toBe('Lab');
    expect(validateSetting('pin', '')).toBeNull();
    expect(() => validateSetting('port', 0)).toThrow(/port must be a whole number from 1 to 65535/);
    expect(() => validateSetting('language', 'fr')).toThrow(/language must be one of "system", "en", "zh-CN"/);
  });
});
