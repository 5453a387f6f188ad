// What the join screen says when the room ended this page's session or keeps it out.
import { formatDuration } from '../shared/duration.js';
import type { Text } from './peer-i18n.js';
import type { Verdict } from './room-verdicts.js';

export function stopText(status: Extract<Verdict, { phase: 'stopped' }>, t: Text, language: string, now: number): string {
  switch (status.reason) {
    case 'kicked':
      return t('youWereKicked');
    case 'locked':
      return t('lockedOut');
    case 'turned-away':
      return t('turnedAway');
    case 'banned': {
      const ban = status.until == null ? t('bannedUntilLifted') : t('bannedFor', { time: formatDuration(status.until - now, language) });
      return status.dropped ? `${ban} ${t('droppedQueue', { count: status.dropped })}` : ban;
    }
  }
}
