// The limit defaults and the validation of overrides (what each limit does is tested where it is enforced).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, resolveLimits } from '../../common/limits.js';

describe('resolveLimits', () => {
  it('merges overrides into the defaults', () => {
    expect(resolveLimits({ maxConnections: 5 })).toEqual({ ...DEFAULT_LIMITS, maxConnections: 5 });
    expect(resolveLimits({ heartbeatMs: 0 }).heartbeatMs).toBe(0);
  });

  it('rejects unknown names and values out of range', () => {
    expect(() => resolveLimits({ maxClient: 5 } as never)).toThrow(/unknown limit "maxClient"/);
    expect(() => resolveLimits({ maxConnections: 0 })).toThrow(/maxConnections/);
    expect(() => resolveLimits({ rateBurst: 1.5 })).toThrow(/rateBurst/);
    expect(() => resolveLimits({ maxMessageBytes: Number.NaN })).toThrow(/maxMessageBytes/);
    expect(() => resolveLimits({ headersTimeoutMs: 20_000, requestTimeoutMs: 10_000 })).toThrow(/requestTimeoutMs/);
  });

  it('ignores limits given as undefined, and never changes the defaults', () => {
    expect(resolveLimits({ maxConnections: undefined })).toEqual(DEFAULT_LIMITS);
    const limits = resolveLimits({ rateBurst: 3 });
    limits.rateBurst = 9;
    expect(DEFAULT_LIMITS.rateBurst).toBe(200);
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('lets only the timers that can be switched off be 0', () => {
    for (const name of ['heartbeatMs', 'resumeGraceMs', 'awayMs', 'pageGoneGraceMs'] as const)
      expect(resolveLimits({ [name]: 0 })[name]).toBe(0);
    for (const name of ['maxConnections', 'maxConnectionsPerIp', 'helloTimeoutMs', 'maxPinFailures'] as const) {
      expect(() => resolveLimits({ [name]: 0 }), name).toThrow(new RegExp(`${name}.*>= 1`));
    }
  });
});
