// The main process's own words (the tray menu, the notice on the first close), in English and Chinese
// like the pages, in the language the host picked in the settings ("system": the OS's first English or
// Chinese language, else English). Pure: no electron here, so it is tested in plain Node.
import type { RoomSettings } from '../../common/host-view.js';

export type AppLanguage = 'en' | 'zh-CN';

const en = {
  'tray.running': 'Room is running',
  'tray.paused': 'Room is paused: nobody new can join',
  'tray.stopped': 'Room is stopped',
  'tray.portInUse': 'Room is stopped: port {{port}} is in use',
  'tray.people.one': '1 person in the room',
  'tray.people.other': '{{count}} people in the room',
  'tray.open': 'Open LAN Chat',
  'tray.copyLink': 'Copy join link',
  'tray.pause': 'Pause room (nobody new can join)',
  'tray.quit': 'Quit (stops the room)',
  'notice.title': 'LAN Chat is still running',
  'notice.body':
    'The room stays open for everyone. Open the window again from the LAN Chat icon in the tray (or start LAN Chat again); choose Quit there to stop the room.',
};

export type AppStringKey = keyof typeof en;

const zhCN: Record<AppStringKey, string> = {
  'tray.running': '聊天室运行中',
  'tray.paused': '聊天室已暂停：新成员无法加入',
  'tray.stopped': '聊天室已停止',
  'tray.portInUse': '聊天室已停止：端口 {{port}} 已被占用',
  'tray.people.one': '聊天室里有 1 人',
  'tray.people.other': '聊天室里有 {{count}} 人',
  'tray.open': '打开 LAN Chat',
  'tray.copyLink': '复制加入链接',
  'tray.pause': '暂停聊天室（新成员无法加入）',
  'tray.quit': '退出（关闭聊天室）',
  'notice.title': 'LAN Chat 仍在运行',
  'notice.body': '聊天室仍对大家开放。可从系统托盘中的 LAN Chat 图标重新打开窗口（或再次启动 LAN Chat）；在那里选择“退出”即可关闭聊天室。',
};

const STRINGS: Record<AppLanguage, Record<AppStringKey, string>> = { en, 'zh-CN': zhCN };

/** Looks up a string and fills in its `{{name}}` placeholders. */
export type AppText = (key: AppStringKey, values?: Record<string, string | number>) => string;

/** The language to speak: the host's choice, or for "system" the first of the OS's languages we have. */
export function appLanguage(setting: RoomSettings['language'], systemLanguages: readonly string[]): AppLanguage {
  if (setting !== 'system') return setting;
  for (const tag of systemLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function appText(language: AppLanguage): AppText {
  const strings = STRINGS[language];
  return (key, values = {}) => strings[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
