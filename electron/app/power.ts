// Sleep and wake: after a resume the machine may be on another network (a laptop carried to another
// room, Wi-Fi that rejoined with a new address), so the join addresses are re-read at once rather than
// at the next poll. Pages reconnect and resume on their own.
import { powerMonitor } from 'electron';

/** Calls `onResume` after every wake from sleep; returns the undo. */
export function setupResume(onResume: () => void): () => void {
  powerMonitor.on('resume', onResume);
  return () => powerMonitor.off('resume', onResume);
}
