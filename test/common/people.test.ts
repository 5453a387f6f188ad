// One count of people for every view: the host is a person in the room.
import { describe, expect, it } from 'vitest';
import { guestName, guestNumber, peopleCount } from '../../common/people.js';

describe('peopleCount', () => {
  it('counts the host with the guests', () => {
    expect(peopleCount(0)).toBe(1);
    expect(peopleCount(3)).toBe(4);
  });
});

describe('guest names', () => {
  it('names someone who gave no name, and reads the number back so a page can say it in its language', () => {
    expect(guestName(3)).toBe('Guest 3');
    expect(guestNumber(guestName(12))).toBe(12);
    for (const other of ['Guest', 'Guest 0', 'Guest 3 (2)', 'guest 3', 'Guest 03', 'My Guest 3'])
      expect(guestNumber(other)).toBeUndefined();
  });
});
