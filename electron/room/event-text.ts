// Room events as English sentences, for text people read outside the pages: the txt/md export, the
// headless host's console, and the notices raw (lws-minimal) clients get. The pages have their own,
// translated (renderer/shared/shared-strings.ts).
import type { LeaveReason, ModerationEvent, RoomEvent } from '../../common/model.js';

const LEFT: Record<LeaveReason, string> = {
  left: 'left',
  timeout: 'lost connection',
  error: 'lost connection',
  kicked: 'was removed by the host',
  banned: 'was banned by the host',
  'pin-changed': "left: the room's PIN changed",
};

export function roomEventText(event: RoomEvent): string {
  switch (event.type) {
    case 'join':
      return `${event.participant.name} joined`;
    case 'leave':
      return `${event.participant.name} ${LEFT[event.reason] ?? LEFT.left}`;
    case 'rename':
      return `${event.oldName} is now ${event.participant.name}`;
    case 'away':
      return `${event.participant.name} is away`;
    case 'back':
      return `${event.participant.name} is back`;
    case 'moderation':
      return moderationText(event);
  }
}

function moderationText(event: ModerationEvent): string {
  switch (event.action) {
    case 'mute':
      return `The host muted ${event.target.name} ${event.until === null ? 'until further notice' : `for ${duration(event.until - event.ts)}`}`;
    case 'unmute':
      return event.expired ? `${event.target.name} may send messages again` : `The host unmuted ${event.target.name}`;
    case 'unban':
      return `The host lifted the ban on ${event.target.name}`;
    case 'lock':
      return 'The host locked the room: nobody new can join';
    case 'unlock':
      return 'The host unlocked the room';
    case 'waiting-room':
      return event.on
        ? 'The host opened a waiting room: newcomers wait to be let in'
        : 'The waiting room is closed: newcomers join at once';
    case 'slow-mode':
      return event.seconds > 0 ? `Slow mode: one message every ${duration(event.seconds * 1000)} per person` : 'Slow mode is off';
    case 'pin':
      return event.change === 'removed'
        ? 'The host removed the PIN'
        : event.change === 'set'
          ? 'The host set a PIN'
          : 'The host changed the PIN';
    case 'room-name':
      return `The host renamed the room to ${event.name}`;
  }
}

/** `45 seconds`, `10 minutes`, `1 hour 30 minutes`: rounded to whole units, for sentences. */
export function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
