// What the page remembers on this device (per room: storage belongs to the room's address). Storage
// can be unavailable (private mode, blocked cookies); the page then simply forgets.
import type { Language } from '../shared/language.js';

const NAME_KEY = 'lan-chat.name';
const SESSION_KEY = 'lan-chat.session';
const SOUND_KEY = 'lan-chat.sound';
const LANGUAGE_KEY = 'lan-chat.lang';
const ROOM_KEY = 'lan-chat.room';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered; everything else still works.
  }
}

export const rememberedName = (): string | null => read(NAME_KEY);
export const rememberName = (name: string): void => write(NAME_KEY, name);
/** The session token of the last welcome: with the name, it lets a reload go straight back in. */
export const rememberedSession = (): string | null => read(SESSION_KEY);
export const rememberSession = (session: string | null): void => write(SESSION_KEY, session);
/** The id of the room this device was last in: the page sends its PIN on its own only to that room. */
export const rememberedRoomId = (): string | null => read(ROOM_KEY);
export const rememberRoomId = (roomId: string): void => write(ROOM_KEY, roomId);
export const soundEnabled = (): boolean => read(SOUND_KEY) === 'on';
export const rememberSound = (on: boolean): void => write(SOUND_KEY, on ? 'on' : 'off');
export const rememberedLanguage = (): string | null => read(LANGUAGE_KEY);
export const rememberLanguage = (language: Language): void => write(LANGUAGE_KEY, language);
