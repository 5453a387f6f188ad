// Strings both pages show for the same things (roles, presence lines). A page merges them with its own
// through `withShared` before `createI18n`.
import type { PresenceEvent } from '../../common/model.js';
import type { Language, Strings } from './language.js';
import { isolated } from './Name.js';

export const sharedStrings = {
  en: {
    host: 'Host',
    you: 'You',
    joined: '{{name}} joined',
    left: '{{name}} left',
    timedOut: '{{name}} lost connection',
    kicked: '{{name}} was removed by the host',
    renamed: '{{oldName}} is now {{name}}',
  },
  'zh-CN': {
    host: '房主',
    you: '我',
    joined: '{{name}} 加入了聊天',
    left: '{{name}} 离开了',
    timedOut: '{{name}} 断开了连接',
    kicked: '{{name}} 被房主移出了聊天',
    renamed: '{{oldName}} 改名为 {{name}}',
  },
} satisfies Strings<string>;

export type SharedKey = keyof (typeof sharedStrings)['en'];

/** A page's strings plus the shared ones; a page key with the same name wins. */
export function withShared<K extends string>(page: Strings<K>): Strings<K | SharedKey> {
  const merge = (language: Language) => ({ ...sharedStrings[language], ...page[language] });
  return { en: merge('en'), 'zh-CN': merge('zh-CN') };
}

type T = (key: SharedKey, values?: Record<string, string | number>) => string;

/** The system line for a join, leave or rename. */
export function presenceText(event: PresenceEvent, t: T): string {
  const name = isolated(event.participant.name);
  switch (event.type) {
    case 'join':
      return t('joined', { name });
    case 'rename':
      return t('renamed', { name, oldName: isolated(event.oldName) });
    case 'leave':
      if (event.reason === 'kicked') return t('kicked', { name });
      if (event.reason === 'timeout' || event.reason === 'error') return t('timedOut', { name });
      return t('left', { name });
  }
}
