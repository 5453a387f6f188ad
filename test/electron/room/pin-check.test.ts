// The one PIN check both protocols use: no PIN set, missing, wrong (counted), locked out, right.
import { describe, expect, it } from 'vitest';
import { PinCheck } from '../../../electron/room/pin-check.js';
import { PinGuard } from '../../../electron/room/pin-guard.js';

function checkAt(maxRoomFailures = 100) {
  const clock = { t: 0 };
  const guard = new PinGuard(3, 1000, maxRoomFailures, () => clock.t);
  return { pins: new PinCheck(guard), guard, clock };
}

describe('PinCheck', () => {
  it('admits anyone when the room has no PIN, whatever they give', () => {
    const { pins } = checkAt();
    for (const given of [undefined, null, '', 'anything']) expect(pins.check(null, given, 'a')).toEqual({ ok: true });
  });

  it('says a missing PIN is missing, and does not count it as a guess', () => {
    const { pins, guard } = checkAt();
    for (const given of [undefined, null, '']) expect(pins.check('2468', given, 'a')).toEqual({ ok: false, problem: 'missing' });
    expect(guard.size).toBe(0);
  });

  it('counts wrong PINs per address and locks the address out at the limit, even for the right PIN', () => {
    const { pins, clock } = checkAt();
    for (const given of ['1', '2', '3']) expect(pins.check('2468', given, 'a')).toEqual({ ok: false, problem: 'wrong' });
    clock.t = 250;
    expect(pins.check('2468', '2468', 'a')).toEqual({ ok: false, problem: 'locked', waitMs: 750 });
    // Another address is not affected; a missing PIN is still just missing.
    expect(pins.check('2468', '2468', 'b')).toEqual({ ok: true });
    expect(pins.check('2468', undefined, 'a')).toEqual({ ok: false, problem: 'missing' });
    clock.t = 1000;
    expect(pins.check('2468', '2468', 'a')).toEqual({ ok: true });
  });

  it('refuses even the right PIN while the room is over its budget of wrong PINs, without counting it', () => {
    const { pins, guard, clock } = checkAt(4);
    for (const sender of ['a', 'b', 'c', 'd']) expect(pins.check('2468', '0000', sender).ok).toBe(false);
    clock.t = 300;
    expect(pins.check('2468', '2468', 'e')).toEqual({ ok: false, problem: 'busy', waitMs: 700 });
    expect(pins.check('2468', '1111', 'e')).toEqual({ ok: false, problem: 'busy', waitMs: 700 });
    expect(guard.size).toBe(4);
    clock.t = 1000;
    expect(pins.check('2468', '2468', 'e')).toEqual({ ok: true });
  });

  it('starts an address over after a right PIN', () => {
    const { pins } = checkAt();
    pins.check('2468', '1', 'a');
    pins.check('2468', '2', 'a');
    expect(pins.check('2468', '2468', 'a').ok).toBe(true);
    pins.check('2468', '3', 'a');
    pins.check('2468', '4', 'a');
    expect(pins.check('2468', '2468', 'a').ok).toBe(true);
  });

  it('compares the whole PIN, case and length included', () => {
    const { pins } = checkAt();
    for (const given of ['2468 ', '246', '24680', 'abcd'.toUpperCase()]) expect(pins.check('2468', given, 'x').ok, given).toBe(false);
    expect(pins.check('abcd', 'ABCD', 'y').ok).toBe(false);
    expect(pins.check('abcd', 'abcd', 'y').ok).toBe(true);
  });
});
