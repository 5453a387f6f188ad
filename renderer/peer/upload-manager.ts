// The page's uploads: files picked, pasted or dropped go to the room over HTTP (the upload API in
// common/files.ts), a few at a time, each with its progress, speed and a way to cancel; a picture's
// preview is made here and sent first. A connection lost halfway is resumed from the offset the room
// holds, however long it takes to come back. Once every file of one attach is stored, they go out as
// one message with the typed text as caption (store-then-deliver: the message is sent after the bytes).
// An external store for React (`subscribe` / `getSnapshot`) like the room client.
import { UPLOAD_OFFSET_HEADER, UPLOADS_PATH, type UploadError, type UploadErrorCode, type UploadState } from '../../common/files.js';
import { makePreview } from '../shared/image-preview.js';
import { Listeners } from '../shared/listeners.js';
import { backoffDelay } from './backoff.js';
import type { PendingFile } from './chat-state.js';

/** Why a file did not go: the room's refusal, the room out of reach, or the person cancelled it. */
export type UploadFailure = UploadErrorCode | 'unreachable' | 'cancelled';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  /** Bytes the room holds. */
  sent: number;
  /** Bytes per second lately (0 when not moving). */
  speed: number;
  phase: 'queued' | 'uploading' | 'reconnecting' | 'done' | 'failed';
  failure?: UploadFailure;
  /** The room's message for a refusal (the page shows its own words; this is for details). */
  detail?: string;
}

export interface UploadManagerOptions {
  /** The session token while in the room. */
  session(): string | undefined;
  /** The room's file limits (from its welcome). */
  limits(): { maxFileBytes: number; maxUploadsAtOnce: number };
  /** Every file of one attach is stored: share those that made it, with the caption. */
  share(caption: string, files: PendingFile[]): void;
  /** None of one attach's files made it: the caption goes back to the message box. */
  returnCaption(caption: string): void;
}

interface Task {
  item: UploadItem;
  file: File;
  batch: Batch;
  uploadId?: string;
  xhr?: XMLHttpRequest;
  cancelled: boolean;
}

interface Batch {
  caption: string;
  tasks: Task[];
}

/** The view is updated at most this often while bytes move. */
const PROGRESS_MS = 250;
/** Speed is averaged over about this long. */
const SPEED_WINDOW_MS = 2000;

export class UploadManager {
  private tasks: Task[] = [];
  private items: readonly UploadItem[] = [];
  private readonly listeners = new Listeners();
  private serial = 0;
  private emitTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: UploadManagerOptions) {}

  readonly subscribe = this.listeners.subscribe;

  getSnapshot = (): readonly UploadItem[] => this.items;

  /** Uploads `files` and then shares them as one message captioned `caption`. */
  add(files: readonly File[], caption: string): void {
    if (files.length === 0) return;
    const batch: Batch = { caption, tasks: [] };
    for (const file of files) {
      const item: UploadItem = { key: `u${++this.serial}`, name: file.name || 'file', size: file.size, sent: 0, speed: 0, phase: 'queued' };
      const task: Task = { item, file, batch, cancelled: false };
      batch.tasks.push(task);
      this.tasks.push(task);
    }
    this.pump();
    this.emit(true);
  }

  /** Stops an upload (the room drops what it stored); the rest of its message still goes. */
  cancel(key: string): void {
    const task = this.tasks.find((t) => t.item.key === key);
    if (task === undefined || task.item.phase === 'done' || task.item.phase === 'failed') return;
    task.cancelled = true;
    task.xhr?.abort();
    this.discard(task);
    this.settle(task, 'failed', 'cancelled');
    this.tasks = this.tasks.filter((t) => t !== task);
    this.emit(true);
  }

  /** Takes a failed upload off the list. */
  dismiss(key: string): void {
    this.tasks = this.tasks.filter((t) => t.item.key !== key || t.item.phase !== 'failed');
    this.emit(true);
  }

  /** Starts queued uploads while fewer than the room allows are running. */
  private pump(): void {
    const { maxUploadsAtOnce } = this.options.limits();
    let running = this.tasks.filter((t) => t.item.phase === 'uploading' || t.item.phase === 'reconnecting').length;
    for (const task of this.tasks) {
      if (running >= maxUploadsAtOnce) break;
      if (task.item.phase !== 'queued') continue;
      running++;
      task.item = { ...task.item, phase: 'uploading' };
      void this.run(task);
    }
  }

  private async run(task: Task): Promise<void> {
    const { file } = task;
    const { maxFileBytes } = this.options.limits();
    if (file.size > maxFileBytes) return this.settle(task, 'failed', 'too-large');
    try {
      const created = await this.request('POST', UPLOADS_PATH, JSON.stringify({ name: file.name, size: file.size, type: file.type }));
      if (created.status === 0) return this.settle(task, 'failed', 'unreachable');
      if (created.status !== 201) return this.refused(task, created);
      const state = JSON.parse(created.responseText) as UploadState;
      task.uploadId = state.id;
      if (task.cancelled) return this.discard(task);
      const preview = await makePreview(file);
      if (preview !== null && !task.cancelled) {
        // A preview the room refuses only means the picture shows as a file card.
        await this.request(
          'PUT',
          `${UPLOADS_PATH}/${state.id}/preview?width=${preview.width}&height=${preview.height}`,
          preview.blob,
        ).catch(() => {});
      }
      await this.sendBytes(task, state.offset);
    } catch {
      // Aborted by a cancel, which has settled it already.
    }
  }

  /** Asks the room to drop what it stored of a cancelled upload (nothing yet if it was never created). */
  private discard(task: Task): void {
    if (task.uploadId !== undefined) void this.request('DELETE', `${UPLOADS_PATH}/${task.uploadId}`).catch(() => {});
  }

  /** PUTs from `offset` until the room has every byte; a lost connection is resumed, never restarted. */
  private async sendBytes(task: Task, offset: number): Promise<void> {
    let attempt = 0;
    for (;;) {
      if (task.cancelled) return;
      const answer = await this.put(task, offset).catch(() => null);
      if (task.cancelled) return;
      if (answer !== null && answer.status === 200) {
        const state = JSON.parse(answer.responseText) as UploadState;
        if (state.complete) return this.settle(task, 'done');
        offset = state.offset;
        continue;
      }
      if (answer !== null && (answer.status === 409 || answer.status === 408)) {
        offset = Number(answer.getResponseHeader(UPLOAD_OFFSET_HEADER) ?? offset);
        attempt = 0;
        continue;
      }
      if (answer !== null && answer.status !== 0) return this.refused(task, answer);
      // The connection went (Wi-Fi lost, phone asleep): wait, ask where the room is, go on from there.
      this.update(task, { phase: 'reconnecting', speed: 0 });
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt++)));
      const state = await this.request('GET', `${UPLOADS_PATH}/${task.uploadId}`).catch(() => null);
      if (task.cancelled) return;
      if (state === null || state.status === 0) continue;
      if (state.status !== 200) return this.refused(task, state);
      offset = (JSON.parse(state.responseText) as UploadState).offset;
      this.update(task, { phase: 'uploading', sent: offset });
    }
  }

  private put(task: Task, offset: number): Promise<XMLHttpRequest> {
    const samples: { at: number; sent: number }[] = [];
    return this.request('PUT', `${UPLOADS_PATH}/${task.uploadId}`, task.file.slice(offset), (xhr) => {
      task.xhr = xhr;
      xhr.setRequestHeader(UPLOAD_OFFSET_HEADER, String(offset));
      xhr.upload.onprogress = (event) => {
        const now = performance.now();
        const sent = offset + event.loaded;
        samples.push({ at: now, sent });
        while (samples.length > 2 && now - samples[0]!.at > SPEED_WINDOW_MS) samples.shift();
        const first = samples[0]!;
        const speed = now > first.at ? ((sent - first.sent) * 1000) / (now - first.at) : 0;
        this.update(task, { sent, speed, phase: 'uploading' });
      };
    });
  }

  /** One request to the room with the session; resolves with the finished XHR (status 0: no answer). */
  private request(
    method: string,
    url: string,
    body?: XMLHttpRequestBodyInit,
    setUp?: (xhr: XMLHttpRequest) => void,
  ): Promise<XMLHttpRequest> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      const session = this.options.session();
      if (session !== undefined) xhr.setRequestHeader('Authorization', `Bearer ${session}`);
      if (typeof body === 'string') xhr.setRequestHeader('Content-Type', 'application/json');
      setUp?.(xhr);
      xhr.onload = () => resolve(xhr);
      xhr.onerror = () => resolve(xhr);
      xhr.onabort = () => reject(new Error('aborted'));
      xhr.send(body ?? null);
    });
  }

  private refused(task: Task, answer: XMLHttpRequest): void {
    let failure: UploadFailure = 'bad-request';
    let detail: string | undefined;
    try {
      const { error } = JSON.parse(answer.responseText) as UploadError;
      failure = error.code;
      detail = error.message;
    } catch {
      // Not the room's JSON: a generic refusal.
    }
    this.settle(task, 'failed', failure, detail);
  }

  private settle(task: Task, phase: 'done' | 'failed', failure?: UploadFailure, detail?: string): void {
    if (task.item.phase === 'done' || task.item.phase === 'failed') return;
    task.xhr = undefined;
    this.update(
      task,
      {
        phase,
        speed: 0,
        ...(phase === 'done' ? { sent: task.item.size } : {}),
        ...(failure ? { failure } : {}),
        ...(detail ? { detail } : {}),
      },
      true,
    );
    this.pump();
    this.finishBatch(task.batch);
  }

  /** Once every file of an attach has settled: share those that made it, or give the caption back. */
  private finishBatch(batch: Batch): void {
    if (batch.tasks.some((t) => t.item.phase !== 'done' && t.item.phase !== 'failed')) return;
    const done = batch.tasks.filter((t) => t.item.phase === 'done');
    if (done.length > 0) {
      this.options.share(
        batch.caption,
        done.map((t) => ({ uploadId: t.uploadId!, name: t.item.name, size: t.file.size, type: t.file.type })),
      );
    } else if (batch.caption.trim() !== '') {
      this.options.returnCaption(batch.caption);
    }
    // Done ones leave the list (the message shows them); failed ones stay until dismissed.
    const leaving = new Set(done);
    this.tasks = this.tasks.filter((t) => !leaving.has(t));
    this.emit(true);
  }

  private update(task: Task, change: Partial<UploadItem>, now = false): void {
    task.item = { ...task.item, ...change };
    this.emit(now);
  }

  /** Tells the view, at once or at most every `PROGRESS_MS`. */
  private emit(now = false): void {
    if (!now && this.emitTimer !== undefined) return;
    clearTimeout(this.emitTimer);
    const fire = () => {
      this.emitTimer = undefined;
      this.items = this.tasks.map((t) => t.item);
      this.listeners.notify();
    };
    if (now) fire();
    else this.emitTimer = setTimeout(fire, PROGRESS_MS);
  }
}
