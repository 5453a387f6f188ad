// What the page remembers on this device, in real Chromium: each item back as it was stored, under the
// keys earlier versions used; and a page whose storage is unavailable (an opaque origin here, as with
// storage blocked) forgets without failing.
import { describe, expect, it } from 'vitest';
import type * as storage from '../../../renderer/peer/storage.js';
import { usePageModules } from '../../support/page-modules.js';

const pages = usePageModules<{ storage: typeof storage }>({ storage: 'renderer/peer/storage.ts' });

describe('storage', () => {
  it('gives back each remembered item, under its key, and forgets a session set to none', async () => {
    const { modules } = await pages.open();
    const seen = await modules.evaluate(({ storage: s }) => {
      const read = () => [s.rememberedName(), s.rememberedSession(), s.rememberedRoomId(), s.soundEnabled(), s.rememberedLanguage()];
      const before = read();
      s.rememberName('Ann');
      s.rememberSession('token-1');
      s.rememberRoomId('room-a');
      s.rememberSound(true);
      s.rememberLanguage('zh-CN');
      const after = read();
      const keys = Object.fromEntries(Object.entries(localStorage));
      s.rememberSession(null);
      s.rememberSound(false);
      return { before, after, keys, cleared: read() };
    });
    expect(seen.before).toEqual([null, null, null, false, null]);
    expect(seen.after).toEqual(['Ann', 'token-1', 'room-a', true, 'zh-CN']);
    expect(seen.keys).toEqual({
      'lan-chat.name': 'Ann',
      'lan-chat.session': 'token-1',
      'lan-chat.room': 'room-a',
      'lan-chat.sound': 'on',
      'lan-chat.lang': 'zh-CN',
    });
    expect(seen.cleared).toEqual(['Ann', null, 'room-a', false, 'zh-CN']);
  });

  it('forgets quietly where storage is unavailable', async () => {
    const { modules } = await pages.open('data:text/html,<title>No storage</title>');
    const seen = await modules.evaluate(({ storage: s }) => {
      let unavailable = false;
      try {
        void localStorage.length;
      } catch {
        unavailable = true;
      }
      s.rememberName('Ann');
      s.rememberSession('token-1');
      s.rememberSound(true);
      return { unavailable, read: [s.rememberedName(), s.rememberedSession(), s.soundEnabled()] };
    });
    expect(seen).toEqual({ unavailable: true, read: [null, null, false] });
  });
});
