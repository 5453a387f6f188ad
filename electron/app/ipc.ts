// The one way IPC enters and leaves the main process (after Fiddle's IpcMainManager): every handler
// first checks that the call comes from the host window's own page, then parses its arguments; room
// events go out in one batch per tick, and only to a page that has taken its snapshot.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { EventChannel, HostEvent, InvokeChannel, InvokeChannels } from '../ipc-contract.js';
import { isAppUrl } from './app-origin.js';

const EVENT_CHANNEL = 'lan-chat:events' satisfies EventChannel;

/** Turns the raw IPC arguments into the channel's typed arguments, or throws a `TypeError` saying why not. */
export type ArgsParser<C extends InvokeChannel> = (args: unknown[]) => InvokeChannels[C]['args'];
export type InvokeHandler<C extends InvokeChannel> = (
  ...args: InvokeChannels[C]['args']
) => InvokeChannels[C]['result'] | Promise<InvokeChannels[C]['result']>;

/**
 * Throws unless the call comes from the main frame of `expected` showing an `app://lan-chat/` page:
 * not another window, not a sub-frame, not a page that navigated elsewhere.
 */
function assertTrustedSender(event: IpcMainInvokeEvent, expected: WebContents | undefined): void {
  const frame = event.senderFrame;
  if (expected === undefined || event.sender !== expected) throw new Error('IPC refused: not the host window');
  if (frame === null || frame.parent !== null) throw new Error('IPC refused: not the main frame');
  if (!isAppUrl(frame.url)) throw new Error('IPC refused: not an app page');
}

export class IpcMainManager {
  readonly #channels = new Set<InvokeChannel>();
  #pending: HostEvent[] = [];
  #flushScheduled = false;
  #ready = false;

  /** @param target the host window's web contents, when there is one */
  constructor(private readonly target: () => WebContents | undefined) {}

  handle<C extends InvokeChannel>(channel: C, parse: ArgsParser<C>, handler: InvokeHandler<C>): void {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      assertTrustedSender(event, this.target());
      return handler(...parse(args));
    });
    this.#channels.add(channel);
  }

  /**
   * The page has its snapshot: from now on it needs every event. Events before this are already part of
   * the snapshot, so they are not queued.
   */
  markReady(): void {
    this.#ready = true;
  }

  /** The page is gone or reloading; it will ask for a new snapshot. */
  markNotReady(): void {
    this.#ready = false;
    this.#pending = [];
  }

  /** Queues an event; everything queued in one tick leaves in one message. */
  sendEvent(event: HostEvent): void {
    if (!this.#ready) return;
    this.#pending.push(event);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => this.#flush());
  }

  dispose(): void {
    for (const channel of this.#channels) ipcMain.removeHandler(channel);
    this.#channels.clear();
    this.markNotReady();
  }

  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    const contents = this.target();
    if (batch.length === 0 || contents === undefined || contents.isDestroyed()) return;
    contents.send(EVENT_CHANNEL, batch);
  }
}
