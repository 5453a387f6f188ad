// Sleep and wake, with `electron` faked: a resume calls back at once, every time, until undone.
import { describe, expect, it, vi } from 'vitest';
import { powerMonitor } from '../fake-electron.js';

vi.mock('electron', () => import('../fake-electron.js'));
const { setupResume } = await import('../../../electron/app/power.js');

describe('setupResume', () => {
  it('calls back on every resume, and not after the undo', () => {
    let resumed = 0;
    const undo = setupResume(() => resumed++);
    powerMonitor.emit('suspend');
    expect(resumed).toBe(0);
    powerMonitor.emit('resume');
    powerMonitor.emit('resume');
    expect(resumed).toBe(2);
    undo();
    powerMonitor.emit('resume');
    expect(resumed).toBe(2);
    expect(powerMonitor.listenerCount('resume')).toBe(0);
  });
});
