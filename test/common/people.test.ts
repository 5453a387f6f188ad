// One count of people for every view: the host is a person in the room.
import { describe, expect, it } from 'vitest';
import { peopleCount } from '../../common/people.js';

describe('peopleCount', () => {
  it('counts the host with the guests', () => {
    expect(peopleCount(0)).toBe(1);
    expect(peopleCount(3)).toBe(4);
  });
});
