// Frames from the room reach the view in batches: a frame after a quiet spell is applied in the next
// task, and under a flood at most one batch per BUSY_RENDER_MS goes, however many frames it holds
// (chat-state.ts applies a batch at the cost of one copy, and the view renders once for it).
import type { ServerMessage } from '../../common/protocol.js';
import { splitRenderBatch } from './chat-state.js';

/**
 * Under a flood the view is updated at most this often: each update costs a style, layout and paint
 * pass whatever the batch size, so fewer, larger batches keep the main thread free. A message after a
 * quiet spell still shows on the next frame.
 */
const BUSY_RENDER_MS = 50;

export class FrameBatches {
  private waiting: ServerMessage[] = [];
  private scheduled = false;
  private lastBatchAt = -Infinity;

  /** @param apply takes one batch, in the order the frames came */
  constructor(private readonly apply: (frames: ServerMessage[]) => void) {}

  /** Queues a frame for the next batch. */
  add(frame: ServerMessage): void {
    this.waiting.push(frame);
    this.schedule();
  }

  /** Applies the waiting frames and then `frame` at once (a welcome, which the connection's state waits for). */
  addNow(frame: ServerMessage): void {
    this.waiting.push(frame);
    this.flush();
  }

  /** Forgets the waiting frames (the page left the room). */
  clear(): void {
    this.waiting = [];
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // A timer task rather than an animation frame: the render then runs in a task of its own and the
    // browser's style, layout and paint in the next frame's, so neither makes one long task of both.
    // Timers also keep running in a hidden tab (slowed down), which keeps the title's unread count.
    setTimeout(() => this.flush(), Math.max(0, this.lastBatchAt + BUSY_RENDER_MS - performance.now()));
  }

  private flush(): void {
    this.scheduled = false;
    if (this.waiting.length === 0) return;
    this.lastBatchAt = performance.now();
    const { now, later } = splitRenderBatch(this.waiting);
    this.waiting = later;
    if (later.length > 0) this.schedule();
    this.apply(now);
  }
}
