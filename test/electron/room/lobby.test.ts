// The waiting room's list: arrivals in order, found by id, gone once let in, sent away or closed.
import { describe, expect, it, vi } from 'vitest';
import { Lobby } from '../../../electron/room/lobby.js';

describe('Lobby', () => {
  it('keeps who waits, longest first, and says when it changes', () => {
    const changed = vi.fn();
    const lobby = new Lobby<object>(changed);
    const [a, b] = [{}, {}];
    const enter = vi.fn();
    const first = lobby.add(a, { name: 'Ann', kind: 'rich', address: '10.0.0.7' }, '1234', enter);
    lobby.add(b, { name: 'Guest 2', kind: 'raw', address: '10.0.0.8' }, null, () => {});
    expect(lobby.list().map((w) => [w.name, w.kind])).toEqual([
      ['Ann', 'rich'],
      ['Guest 2', 'raw'],
    ]);
    expect(lobby.list()[0]).not.toHaveProperty('conn');
    expect(lobby.get(first.id)).toBe(first);
    expect(lobby.remove(a)).toBe(first);
    expect(lobby.remove(a)).toBeUndefined();
    expect([lobby.has(a), lobby.has(b), lobby.size]).toEqual([false, true, 1]);
    expect(changed).toHaveBeenCalledTimes(3);
    expect(enter).not.toHaveBeenCalled();
  });
});
