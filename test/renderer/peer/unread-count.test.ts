// The tab title's count of messages that came while the page was hidden: added up, reset when the page
// is seen again, and every change told to whoever listens.
import { describe, expect, it } from 'vitest';
import { UnreadCount } from '../../../renderer/peer/unread-count.js';

describe('UnreadCount', () => {
  it('adds up what came while hidden and starts over when seen, telling its listeners each time', () => {
    const unread = new UnreadCount();
    const heard: number[] = [];
    const stop = unread.subscribe(() => heard.push(unread.getSnapshot()));
    expect(unread.getSnapshot()).toBe(0);
    unread.add(3);
    unread.add(2);
    expect(unread.getSnapshot()).toBe(5);
    unread.reset();
    expect(unread.getSnapshot()).toBe(0);
    stop();
    unread.add(1);
    expect(heard).toEqual([3, 5, 0]);
  });
});
