// The peer page's translator on the page's own string format: placeholders, English where Chinese
// lacks a key, i18next's plural suffixes, one stable `t` per language, and change notifications.
import { describe, expect, it } from 'vitest';
import { Translator } from '../../../renderer/shared/translator.js';

const strings = {
  en: {
    hello: 'Hello, {{name}}!',
    only: 'English only',
    here: '{{count}} here',
    new_one: '{{count}} new message',
    new_other: '{{count}} new messages',
  },
  'zh-CN': { hello: '你好，{{ name }}！', here: '{{count}} 人在线', new_other: '{{count}} 条新消息' },
} as unknown as ConstructorParameters<typeof Translator<'hello' | 'only' | 'here' | 'new'>>[0];

describe('Translator', () => {
  it('fills placeholders, leaves unknown ones and never interprets values', () => {
    const i18n = new Translator(strings, 'en');
    expect(i18n.t('hello', { name: '<b>Ann</b> {{count}}' })).toBe('Hello, <b>Ann</b> {{count}}!');
    expect(i18n.t('hello')).toBe('Hello, {{name}}!');
    expect(i18n.t('here', { count: 3 })).toBe('3 here');
  });

  it('falls back to English, then to the key', () => {
    const i18n = new Translator(strings, 'zh-CN');
    expect(i18n.t('hello', { name: '安' })).toBe('你好，安！');
    expect(i18n.t('only')).toBe('English only');
    expect(i18n.t('missing' as 'only')).toBe('missing');
  });

  it('picks plural forms by count, per language', () => {
    const en = new Translator(strings, 'en');
    expect(en.t('new', { count: 1 })).toBe('1 new message');
    expect(en.t('new', { count: 2 })).toBe('2 new messages');
    expect(new Translator(strings, 'zh-CN').t('new', { count: 1 })).toBe('1 条新消息');
  });

  it('keeps one t per language and tells subscribers about a change', () => {
    const i18n = new Translator(strings, 'en');
    const english = i18n.fixed('en');
    expect(i18n.fixed('en')).toBe(english);
    let changes = 0;
    const unsubscribe = i18n.subscribe(() => changes++);
    i18n.changeLanguage('zh-CN');
    i18n.changeLanguage('zh-CN');
    expect([i18n.language, changes]).toEqual(['zh-CN', 1]);
    expect(i18n.t('here', { count: 2 })).toBe('2 人在线');
    unsubscribe();
    i18n.changeLanguage('en');
    expect(changes).toBe(1);
  });
});
