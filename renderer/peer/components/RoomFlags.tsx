// Under the room's name: the host's settings a guest should know about (locked, slow mode).
import { memo } from 'react';
import { formatDuration } from '../../shared/duration.js';
import { currentLanguage, useText } from '../peer-i18n.js';

export const RoomFlags = memo(function RoomFlags({ locked, slowModeSeconds }: { locked: boolean; slowModeSeconds: number }) {
  const t = useText();
  if (!locked && slowModeSeconds === 0) return null;
  return (
    <p className="room-flags">
      {locked && <span className="badge badge-flag">{t('roomLocked')}</span>}
      {slowModeSeconds > 0 && <span>{t('slowMode', { time: formatDuration(slowModeSeconds * 1000, currentLanguage()) })}</span>}
    </p>
  );
});
