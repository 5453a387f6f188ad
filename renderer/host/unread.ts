// What a desktop chat app does while it is in the background: the window title counts the messages
// others sent since the host last looked ("(3) LAN Chat"), so the taskbar shows there is news.
import { useEffect } from 'react';
import type { Timeline } from './timeline.js';

/** Counts chat messages from others that arrive while the window is not focused; focusing resets. */
export function useUnreadTitle(timeline: Timeline): void {
  useEffect(() => {
    const title = document.title;
    let focused = document.hasFocus();
    let unread = 0;
    /** Timeline position up to which arrivals were counted. */
    let seen = timeline.end;
    const show = () => {
      document.title = unread > 0 ? `(${unread}) ${title}` : title;
    };
    // O(batch): only what arrived since the last batch is looked at.
    const unsubscribe = timeline.subscribe(() => {
      const end = timeline.end;
      if (!focused) {
        for (let position = Math.max(seen, timeline.first); position < end; position++) {
          const item = timeline.at(position);
          if (item?.kind === 'chat' && item.message.from.kind !== 'host') unread++;
        }
        show();
      }
      seen = end;
    });
    const onBlur = () => {
      focused = false;
    };
    const onFocus = () => {
      focused = true;
      unread = 0;
      show();
    };
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    return () => {
      unsubscribe();
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
      document.title = title;
    };
  }, [timeline]);
}
