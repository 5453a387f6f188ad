// What the page remembers on this device. Storage can be unavailable (private mode, blocked cookies);
// the page then simply forgets.

const NAME_KEY = 'lan-chat.name';
const SOUND_KEY = 'lan-chat.sound';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered; everything else still works.
  }
}

export const rememberedName = (): string | null => read(NAME_KEY);
export const rememberName = (name: string): void => write(NAME_KEY, name);
export const soundEnabled = (): boolean => read(SOUND_KEY) === 'on';
export const rememberSound = (on: boolean): void => write(SOUND_KEY, on ? 'on' : 'off');
