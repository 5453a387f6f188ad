// The ids the page makes up for its messages (`clientMsgId`): 128 random bits as hex, never the same twice.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../renderer/peer/ids.js';

describe('newId', () => {
  it('is 32 hex digits, a new one each time', () => {
    const ids = Array.from({ length: 1_000 }, newId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Every digit turns up somewhere: the bytes are padded, not dropped.
    expect(new Set(ids.join(''))).toEqual(new Set('0123456789abcdef'));
  });
});
