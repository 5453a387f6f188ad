// What both pages show for names, presence and the room: the defaults in the page's language.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST_NAMES, DEFAULT_SETTINGS } from '../../../common/settings.js';
import { displayName, displayRoomName, presenceText, sharedStrings } from '../../../renderer/shared/shared-strings.js';
import type { Language } from '../../../renderer/shared/i18n.js';
import { peerStrings } from '../../../renderer/peer/peer-strings.js';
import { strings as hostStrings } from '../../../renderer/host/host-strings.js';

const tIn =
  (language: Language) =>
  (key: keyof (typeof sharedStrings)['en'], values: Record<string, string | number> = {}) =>
    sharedStrings[language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));

describe('names shown for the defaults', () => {
  it("shows the host's default name and the default room name in the page's language", () => {
    const host = { id: 'host', name: DEFAULT_SETTINGS.hostName, kind: 'host' as const };
    expect(displayName(host, tIn('zh-CN'))).toBe('房主');
    expect(displayName(host, tIn('en'))).toBe('Host');
    expect(displayRoomName(DEFAULT_SETTINGS.roomName, tIn('zh-CN'))).toBe('局域网聊天');
    expect(displayRoomName('Team Room', tIn('zh-CN'))).toBe('Team Room');
  });

  it('shows names people chose as they are, a guest called "Host" included', () => {
    expect(displayName({ id: 'p1', name: 'Host', kind: 'rich' }, tIn('zh-CN'))).toBe('Host');
    expect(displayName({ id: 'host', name: 'Mia', kind: 'host' }, tIn('zh-CN'))).toBe('Mia');
    const rename = {
      type: 'rename' as const,
      ts: 0,
      afterSeq: 0,
      participant: { id: 'host', name: 'Mia', kind: 'host' as const },
      oldName: 'Host',
    };
    expect(presenceText(rename, tIn('zh-CN'))).toBe('\u2068房主\u2069 改名为 \u2068Mia\u2069');
  });

  it('reserves in the room every word the pages show for the default host name', () => {
    for (const language of ['en', 'zh-CN'] as const) expect(DEFAULT_HOST_NAMES).toContain(sharedStrings[language].host);
  });
});

describe('string tables', () => {
  it("never hide a shared string behind a page's own key of the same name (a presence line would read wrong)", () => {
    const shared = Object.keys(sharedStrings.en);
    expect(Object.keys(peerStrings.en).filter((key) => shared.includes(key))).toEqual([]);
    // The host table is merged already: each shared key still says what the shared table says.
    for (const key of shared)
      expect(hostStrings.en[key as keyof typeof hostStrings.en]).toBe(sharedStrings.en[key as keyof typeof sharedStrings.en]);
  });
});
