// What every part of the host window needs: the bridge, the strings, the language, and a way to tell
// the host something briefly (a toast).
import { createContext, useContext } from 'react';
import { messageOf } from '../../common/errors.js';
import type { LanChatApi } from '../../electron/ipc-contract.js';
import type { T } from './host-strings.js';

export type Tone = 'info' | 'error';

/** What a toast says: text, or the way to say it, so that it follows a language change made at the same time. */
export type ToastText = string | ((t: T) => string);

export interface HostContextValue {
  api: LanChatApi;
  t: T;
  /** The language strings are shown in, for date and time formats. */
  language: string;
  notify(text: ToastText, tone?: Tone): void;
  /** Tells the host a bridge call failed, in the room's words (an error toast): a promise's `catch`. */
  fail(error: unknown): void;
}

export const HostContext = createContext<HostContextValue | null>(null);

export function useHost(): HostContextValue {
  const value = useContext(HostContext);
  if (!value) throw new Error('useHost() outside <HostContext>');
  return value;
}

/** The message of anything thrown across the bridge, without Electron's "Error invoking remote method" prefix. */
export function errorMessage(error: unknown): string {
  return messageOf(error).replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
}
