// The main process's words: which language they are in, and the placeholders filled in.
import { describe, expect, it } from 'vitest';
import { appLanguage, appText } from '../../../electron/app/app-strings.js';

describe('appLanguage', () => {
  it("follows the host's choice over the system's", () => {
    expect(appLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(appLanguage('en', ['zh-CN'])).toBe('en');
  });

  it('takes the first English or Chinese system language for "system", else English', () => {
    expect(appLanguage('system', ['zh-Hans-CN', 'en-US'])).toBe('zh-CN');
    expect(appLanguage('system', ['zh-TW'])).toBe('zh-CN');
    expect(appLanguage('system', ['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(appLanguage('system', ['de-DE'])).toBe('en');
    expect(appLanguage('system', [])).toBe('en');
  });
});

describe('appText', () => {
  it('fills in placeholders, in both languages', () => {
    expect(appText('en')('tray.people.other', { count: 3 })).toBe('3 people in the room');
    expect(appText('zh-CN')('tray.people.other', { count: 3 })).toBe('聊天室里有 3 人');
    expect(appText('en')('tray.portInUse', { port: 7681 })).toBe('Room is stopped: port 7681 is in use');
    expect(appText('zh-CN')('tray.quit')).toBe('退出（关闭聊天室）');
  });
});
