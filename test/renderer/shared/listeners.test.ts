// The subscribe side of every external store the pages keep (room client, uploads, unread count, translator).
import { describe, expect, it } from 'vitest';
import { Listeners } from '../../../renderer/shared/listeners.js';

describe('Listeners', () => {
  it('tells every subscriber of each change until it unsubscribes', () => {
    const listeners = new Listeners();
    const heard: string[] = [];
    const { subscribe } = listeners;
    const stopA = subscribe(() => heard.push('a'));
    subscribe(() => heard.push('b'));
    listeners.notify();
    stopA();
    listeners.notify();
    expect(heard).toEqual(['a', 'b', 'b']);
  });
});
