// Whether this person may send now, and what the composer says when not: muted (the box is disabled),
// or waiting out slow mode (the box keeps its text and counts down).
import { formatDuration } from '../../shared/duration.js';
import type { ChatState } from '../chat-state.js';
import { useCountdown } from '../countdown.js';
import { currentLanguage, useText } from '../peer-i18n.js';

export interface SendRules {
  muted: boolean;
  /** Slow mode: Send waits. */
  waiting: boolean;
  /** Why, for the line above the box; null when sending is free. */
  reason: string | null;
}

/** `slowUntil` counts only while the room is in slow mode (`slowModeSeconds` > 0): turning it off frees Send at once. */
export function useSendRules(muted: ChatState['muted'], slowModeSeconds: number, slowUntil: number): SendRules {
  const t = useText();
  const slowing = slowModeSeconds > 0 && slowUntil > Date.now();
  const now = useCountdown(muted !== null ? muted.until : slowing ? slowUntil : null);
  const language = currentLanguage();
  if (muted !== null) {
    const reason = muted.until === null ? t('mutedUntilLifted') : t('mutedFor', { time: formatDuration(muted.until - now, language) });
    return { muted: true, waiting: false, reason };
  }
  if (slowing) return { muted: false, waiting: true, reason: t('slowWait', { time: formatDuration(slowUntil - now, language) }) };
  return { muted: false, waiting: false, reason: null };
}
