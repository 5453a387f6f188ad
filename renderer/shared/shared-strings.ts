// Strings both pages show for the same things (roles, presence and moderation lines, names shown for the
// defaults, the length counter, files). A page merges them with its own through `withShared` and hands
// the result to its translator (i18n.ts in the host window, translator.ts on the peer page).
import type { ModerationEvent, Participant, PresenceEvent } from '../../common/model.js';
import { guestNumber } from '../../common/people.js';
import { DEFAULT_SETTINGS } from '../../common/settings.js';
import { formatDuration } from './duration.js';
import type { Language, Strings } from './language.js';
import { isolated } from './Name.js';

export const sharedStrings = {
  en: {
    host: 'Host',
    guest: 'Guest {{number}}',
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
    // ---- moderation (MOD) ----
    banned: '{{name}} was banned by the host',
    leftPinChanged: '{{name}} left: the room’s PIN changed',
    removedByHost: 'Removed by the host',
    modMute: 'The host muted {{name}}',
    modMuteFor: 'The host muted {{name}} for {{time}}',
    modUnmute: 'The host unmuted {{name}}',
    modUnmuteExpired: '{{name}} can send messages again',
    modUnban: 'The host lifted the ban on {{name}}',
    modLock: 'The host locked the room: nobody new can join',
    modUnlock: 'The host unlocked the room',
    modWaitingOn: 'Newcomers now wait for the host to let them in',
    modWaitingOff: 'Newcomers join at once again',
    modSlowOn: 'Slow mode: one message every {{time}} per person',
    modSlowOff: 'Slow mode is off',
    modPinSet: 'The host set a PIN for the room',
    modPinChanged: 'The host changed the room’s PIN',
    modPinRemoved: 'The host removed the room’s PIN',
    modRoomName: 'The host renamed the room to {{name}}',
  },
  'zh-CN': {
    host: '房主',
    guest: '访客 {{number}}',
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
    // ---- moderation (MOD) ----
    banned: '{{name}} 被房主禁止进入',
    leftPinChanged: '{{name}} 已离开：房间 PIN 码已更改',
    removedByHost: '已被房主删除',
    modMute: '房主禁言了 {{name}}',
    modMuteFor: '房主禁言了 {{name}}，时长 {{time}}',
    modUnmute: '房主解除了 {{name}} 的禁言',
    modUnmuteExpired: '{{name}} 可以再次发言了',
    modUnban: '房主解除了对 {{name}} 的禁止',
    modLock: '房主锁定了房间：新成员无法加入',
    modUnlock: '房主解锁了房间',
    modWaitingOn: '新成员现在需要等待房主同意才能加入',
    modWaitingOff: '新成员又可以直接加入了',
    modSlowOn: '慢速模式：每人每 {{time}} 只能发一条消息',
    modSlowOff: '慢速模式已关闭',
    modPinSet: '房主为房间设置了 PIN 码',
    modPinChanged: '房主更改了房间 PIN 码',
    modPinRemoved: '房主取消了房间 PIN 码',
    modRoomName: '房主将房间改名为 {{name}}',
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
  if (host) return name === DEFAULT_SETTINGS.hostName ? t('host') : name;
  const number = guestNumber(name);
  return number === undefined ? name : t('guest', { number });
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
      if (event.reason === 'banned') return t('banned', { name });
      if (event.reason === 'pin-changed') return t('leftPinChanged', { name });
      if (event.reason === 'timeout' || event.reason === 'error') return t('timedOut', { name });
      return t('left', { name });
  }
}

/** The system line for any room event: presence, or what the host changed. */
export function roomEventText(event: PresenceLine | ModerationEvent, t: T, language: string): string {
  return event.type === 'moderation' ? moderationText(event, t, language) : presenceText(event, t);
}

function moderationText(event: ModerationEvent, t: T, language: string): string {
  switch (event.action) {
    case 'mute':
      return event.until === null
        ? t('modMute', { name: isolated(event.target.name) })
        : t('modMuteFor', { name: isolated(event.target.name), time: formatDuration(event.until - event.ts, language) });
    case 'unmute':
      return t(event.expired ? 'modUnmuteExpired' : 'modUnmute', { name: isolated(event.target.name) });
    case 'unban':
      return t('modUnban', { name: isolated(event.target.name) });
    case 'lock':
      return t('modLock');
    case 'unlock':
      return t('modUnlock');
    case 'waiting-room':
      return t(event.on ? 'modWaitingOn' : 'modWaitingOff');
    case 'slow-mode':
      return event.seconds > 0 ? t('modSlowOn', { time: formatDuration(event.seconds * 1000, language) }) : t('modSlowOff');
    case 'pin':
      return t(event.change === 'set' ? 'modPinSet' : event.change === 'changed' ? 'modPinChanged' : 'modPinRemoved');
    case 'room-name':
      return t('modRoomName', { name: isolated(event.name) });
  }
}
