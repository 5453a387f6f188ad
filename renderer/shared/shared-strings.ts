// Strings both pages show for the same things (roles, presence lines, names shown for the defaults, the
// length counter). A page merges them with its own through `withShared` before `createI18n`.
import type { Participant, PresenceEvent } from '../../common/model.js';
import { DEFAULT_SETTINGS } from '../../common/settings.js';
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
    appName: 'LAN Chat',
    away: 'Away',
    charLeft: '1 character left',
    charsLeft: '{{count}} characters left',
    charOver: '1 character too many',
    charsOver: '{{count}} characters too many',
    // Files (both pages show them alike).
    attachFiles: 'Attach files',
    download: 'Download',
    downloadFile: 'Download {{name}}',
    closePicture: 'Close',
    dropFiles: 'Drop files here to share them',
  },
  'zh-CN': {
    host: '房主',
    you: '我',
    joined: '{{name}} 加入了聊天',
    left: '{{name}} 离开了',
    timedOut: '{{name}} 断开了连接',
    kicked: '{{name}} 被房主移出了聊天',
    renamed: '{{oldName}} 改名为 {{name}}',
    appName: '局域网聊天',
    away: '暂时离开',
    charLeft: '还能输入 1 个字',
    charsLeft: '还能输入 {{count}} 个字',
    charOver: '超出 1 个字',
    charsOver: '超出 {{count}} 个字',
    // Files (both pages show them alike).
    attachFiles: '添加文件',
    download: '下载',
    downloadFile: '下载 {{name}}',
    closePicture: '关闭',
    dropFiles: '松开即可发送文件',
  },
} satisfies Strings<string>;

export type SharedKey = keyof (typeof sharedStrings)['en'];

/** A page's strings plus the shared ones; a page key with the same name wins. */
export function withShared<K extends string>(page: Strings<K>): Strings<K | SharedKey> {
  const merge = (language: Language) => ({ ...sharedStrings[language], ...page[language] });
  return { en: merge('en'), 'zh-CN': merge('zh-CN') };
}

type T = (key: SharedKey, values?: Record<string, string | number>) => string;

/** Presence the logs show as a line; away and back show in the People lists only. */
export type PresenceLine = Extract<PresenceEvent, { type: 'join' | 'leave' | 'rename' }>;

export function isPresenceLine(event: PresenceEvent): event is PresenceLine {
  return event.type === 'join' || event.type === 'leave' || event.type === 'rename';
}

/**
 * A participant's name as the page shows it. The host's default name ("Host") is the room's word for
 * the role, so it is shown in the page's language; guests may not take it in any of them.
 */
export function displayName(participant: Participant, t: T): string {
  return shownName(participant.name, participant.kind === 'host', t);
}

/** The room's name as the page shows it: the default one in the page's language. */
export function displayRoomName(name: string, t: T): string {
  return name === DEFAULT_SETTINGS.roomName ? t('appName') : name;
}

function shownName(name: string, host: boolean, t: T): string {
  return host && name === DEFAULT_SETTINGS.hostName ? t('host') : name;
}

/** The system line for a join, leave or rename. */
export function presenceText(event: PresenceLine, t: T): string {
  const host = event.participant.kind === 'host';
  const name = isolated(shownName(event.participant.name, host, t));
  switch (event.type) {
    case 'join':
      return t('joined', { name });
    case 'rename':
      return t('renamed', { name, oldName: isolated(shownName(event.oldName, host, t)) });
    case 'leave':
      if (event.reason === 'kicked') return t('kicked', { name });
      if (event.reason === 'timeout' || event.reason === 'error') return t('timedOut', { name });
      return t('left', { name });
  }
}
