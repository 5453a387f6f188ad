// The conversation: a virtualised list (only the rows on screen exist in the DOM). The virtualizer
// does O(rows it holds) work whenever its rows change, so it holds a window of at most `WINDOW` items
// of the timeline, never the whole of it: while following, the newest ones; once the host scrolls away
// the window stays put, and pages older or newer items in as the host nears one of its edges, the way
// chat apps load history. A flood then costs the same per frame with 100 or 100,000 messages kept.
// It follows new messages while the host is at the bottom; scrolled up, it offers an "N new" button.
// A cleared history starts over: the list follows again and nothing is left counted as new.
// Each message has a "Remove this message" button (shown on hover and focus), confirmed first.
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FileRef } from '../../../common/model.js';
import { Avatar } from '../../shared/Avatar.js';
import { FileList, type FileActions } from '../../shared/FileList.js';
import { MessageText } from '../../shared/MessageText.js';
import type { ChatMessage } from '../../../common/model.js';
import { Name } from '../../shared/Name.js';
import { PictureViewer } from '../../shared/PictureViewer.js';
import { continuesRun } from '../../shared/runs.js';
import { displayName, presenceText, roomEventText } from '../../shared/shared-strings.js';
import { formatDateTime, formatTime } from '../../shared/text.js';
import { errorMessage, useHost } from '../context.js';
import type { Timeline, TimelineItem } from '../timeline.js';
import { ArrowDownIcon, CloseIcon } from './host-icons.js';
import { ConfirmDialog } from './Modal.js';

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel layouts never hit 0). */
const BOTTOM_SLACK = 48;
/** Most timeline items the list holds at once. */
export const WINDOW = 1500;
/** Items paged in when the host scrolls to within a screen of the window's edge. */
export const PAGE = 500;

/**
 * Under a flood the list redraws at most this often: nobody reads 500 messages a second, and every
 * redraw costs a layout. A message after a quiet spell is drawn at once.
 */
const REDRAW_MS = 100;

/** Timeline positions `[from, to)`. */
interface Range {
  from: number;
  to: number;
}

/** The newest `WINDOW` items: what the list holds while following. */
function liveRange(timeline: Timeline): Range {
  return { from: Math.max(timeline.first, timeline.end - WINDOW), to: timeline.end };
}

/** `range` without items the timeline dropped since (its cap, or a cleared history). */
function clamp(range: Range, timeline: Timeline): Range {
  const from = Math.min(Math.max(range.from, timeline.first), timeline.end);
  return { from, to: Math.min(Math.max(range.to, from), timeline.end) };
}

/** `timeline.version`, re-rendering at most every `REDRAW_MS`. */
function useThrottledVersion(timeline: Timeline): number {
  const subscribe = useCallback(
    (redraw: () => void) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let drawnAt = -Infinity;
      const unsubscribe = timeline.subscribe(() => {
        if (timer !== undefined) return;
        timer = setTimeout(
          () => {
            timer = undefined;
            drawnAt = performance.now();
            redraw();
          },
          Math.max(0, drawnAt + REDRAW_MS - performance.now()),
        );
      });
      return () => {
        clearTimeout(timer);
        unsubscribe();
      };
    },
    [timeline],
  );
  return useSyncExternalStore(subscribe, timeline.getVersion);
}

/**
 * A row's height as the ResizeObserver reports it, after the browser's own layout. The library's
 * default also reads `offsetHeight` of each new row as it mounts: with a flood bringing several rows
 * per frame, that is a forced layout per row. Until the observer reports, the estimate stands.
 */
function measureRow(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize[0];
  if (box) return Math.round(box.blockSize);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

/** What the window does with a shared file: save it through a dialog, or show it in its folder. */
function useFileActions(openPicture: (file: FileRef) => void): FileActions {
  const { api, t, notify } = useHost();
  return useMemo(() => {
    const save = (file: FileRef) => {
      api
        .saveFile(file.id)
        .then((result) => {
          if (result.saved) notify(t('files.saved', { path: result.path }));
          else if (result.reason === 'error') notify(t('files.saveFailed', { message: result.message ?? '' }), 'error');
        })
        .catch((e: unknown) => notify(t('files.saveFailed', { message: errorMessage(e) }), 'error'));
    };
    const show = { label: t('files.showInFolder'), run: (file: FileRef) => void api.showFile(file.id) };
    return { openPicture, save, show };
  }, [api, t, notify, openPicture]);
}

export function History({ timeline, followSignal }: { timeline: Timeline; followSignal: number }) {
  const { api, t, fail } = useHost();
  const [picture, setPicture] = useState<FileRef | null>(null);
  const actions = useFileActions(setPicture);
  const closePicture = useCallback(() => setPicture(null), []);
  /** The message the host asked to remove, until they confirm or cancel. */
  const [removing, setRemoving] = useState<ChatMessage | null>(null);
  const version = useThrottledVersion(timeline);
  /** The window while the host looks at older messages; null while following the newest. */
  const [parked, setParked] = useState<Range | null>(null);
  /** `timeline.chatCount` when the host scrolled away from the bottom; null while following. */
  const [leftAt, setLeftAt] = useState<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastScrollTop = useRef(0);

  const following = parked === null;
  const range = following ? liveRange(timeline) : clamp(parked, timeline);
  // The scroll handler runs between renders: it reads the window it last drew from here.
  const drawn = useRef({ range, following });
  drawn.current = { range, following };

  const { from } = range;
  const getItemKey = useCallback((index: number) => timeline.at(from + index)?.key ?? index, [timeline, from]);
  const virtualizer = useVirtualizer({
    count: range.to - range.from,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 6,
    getItemKey,
    measureElement: measureRow,
    // Parked, items paged in above keep the row on screen where it is; following, the effect below
    // scrolls to the end after every batch anyway, and anchoring would only cost layout reads.
    anchorTo: following ? 'start' : 'end',
  });

  useLayoutEffect(() => {
    if (following) virtualizer.scrollToEnd();
    // `version` is the timeline's change counter: follow on every batch.
  }, [version, following, virtualizer]);

  const follow = () => {
    setParked(null);
    setLeftAt(null);
  };

  const { clears } = timeline;
  const lastClears = useRef(clears);
  useLayoutEffect(() => {
    if (clears === lastClears.current) return;
    lastClears.current = clears;
    follow();
  }, [clears]);

  // The host sent something: they want to see it, wherever they were.
  useEffect(() => {
    if (followSignal === 0) return;
    follow();
    virtualizer.scrollToEnd();
  }, [followSignal, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current!;
    const { range, following } = drawn.current;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    const movedUp = el.scrollTop < lastScrollTop.current;
    lastScrollTop.current = el.scrollTop;
    if (following) {
      // Only a move upwards means the host left; rows growing as they are measured never do.
      if (fromBottom < BOTTOM_SLACK || !movedUp) return;
      setParked(range);
      setLeftAt(timeline.chatCount);
    }
    if (fromBottom < el.clientHeight && range.to < timeline.end) {
      const to = Math.min(timeline.end, range.to + PAGE);
      setParked({ from: Math.max(range.from, to - WINDOW), to });
    } else if (fromBottom < BOTTOM_SLACK && !following) {
      follow();
    } else if (el.scrollTop < el.clientHeight && range.from > timeline.first) {
      const from = Math.max(timeline.first, range.from - PAGE);
      setParked({ from, to: Math.min(range.to, from + WINDOW) });
    }
  };

  const unseen = leftAt === null ? 0 : timeline.chatCount - leftAt;
  const rows = virtualizer.getVirtualItems();

  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title" className="sr-only">
        {t('history.title')}
      </h2>
      <div ref={scrollRef} className="history-scroll" role="log" aria-labelledby="history-title" tabIndex={0} onScroll={onScroll}>
        {timeline.length === 0 && <p className="history-empty">{t('history.empty')}</p>}
        <div className="history-space" style={{ height: virtualizer.getTotalSize() }}>
          <div className="history-rows" style={{ transform: `translateY(${rows[0]?.start ?? 0}px)` }}>
            {rows.map((row) => (
              <div key={row.key} data-index={row.index} ref={virtualizer.measureElement} className="row">
                <Row
                  item={timeline.at(from + row.index)!}
                  previous={timeline.at(from + row.index - 1)}
                  actions={actions}
                  onRemove={setRemoving}
                />
              </div>
            ))}
          </div>
        </div>
      </div>
      {picture !== null && <PictureViewer file={picture} t={t} save={actions.save} onClose={closePicture} />}
      {unseen > 0 && (
        <button type="button" className="button primary new-marker" aria-label={t('history.jumpLabel', { count: unseen })} onClick={follow}>
          <ArrowDownIcon />
          {t('history.newMessages', { count: unseen })}
        </button>
      )}
      {removing && (
        <ConfirmDialog
          title={t('history.removeTitle')}
          body={t('history.removeBody', { name: displayName(removing.from, t), text: excerpt(removing) })}
          confirmLabel={t('history.removeConfirm')}
          cancelLabel={t('cancel')}
          onConfirm={() => api.removeMessage(removing.seq).catch(fail)}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}

/** A long message, shortened for the confirmation; a message of files only, by their names. */
function excerpt(message: ChatMessage): string {
  const chars = Array.from(message.text || (message.files ?? []).map((file) => file.name).join(', '));
  return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : chars.join('');
}

const Row = memo(function Row({
  item,
  previous,
  actions,
  onRemove,
}: {
  item: TimelineItem;
  previous: TimelineItem | undefined;
  actions: FileActions;
  onRemove: (message: ChatMessage) => void;
}) {
  const { t, language } = useHost();
  if (item.kind === 'presence') {
    return <SystemLine text={presenceText(item.event, t)} ts={item.event.ts} language={language} />;
  }
  if (item.kind === 'moderation') {
    return <SystemLine text={roomEventText(item.event, t, language)} ts={item.event.ts} language={language} />;
  }
  if (item.kind === 'cleared') {
    return <SystemLine text={t('history.cleared')} ts={item.ts} language={language} />;
  }
  const { message } = item;
  const own = message.from.kind === 'host';
  // A run (same author, same minute) shows its name and time once; the others' time shows on hover.
  const grouped = continuesRun(previous?.kind === 'chat' ? previous.message : undefined, message);
  const name = displayName(message.from, t);
  const time = (
    <time
      className={grouped ? 'side-time' : undefined}
      dateTime={new Date(message.ts).toISOString()}
      title={formatDateTime(message.ts, language)}
    >
      {formatTime(message.ts, language)}
    </time>
  );
  return (
    <article className={`message ${own ? 'own' : ''} ${grouped ? 'grouped' : ''}`}>
      {!own && (grouped ? <span className="avatar-space" aria-hidden="true" /> : <Avatar name={name} />)}
      <div className="message-body">
        {grouped ? (
          <span className="sr-only">
            <Name name={name} />
          </span>
        ) : (
          <div className="message-head">
            <span className="author">
              <Name name={name} />
              {own && ` (${t('you')})`}
            </span>
            {time}
          </div>
        )}
        {message.removed ? (
          <div className="bubble">
            <p className="removed">{t('removedByHost')}</p>
          </div>
        ) : (
          <div className={message.files ? 'bubble has-files' : 'bubble'}>
            {message.files && <FileList files={message.files} actions={actions} />}
            {message.text !== '' && <MessageText text={message.text} />}
          </div>
        )}
      </div>
      {grouped && time}
      {!message.removed && (
        <button
          type="button"
          className="button icon-button ghost remove-message"
          aria-label={t('history.remove')}
          title={t('history.remove')}
          onClick={() => onRemove(message)}
        >
          <CloseIcon />
        </button>
      )}
    </article>
  );
});

function SystemLine({ text, ts, language }: { text: string; ts: number; language: string }) {
  return (
    <p className="system-line">
      <span>{text}</span>
      <time dateTime={new Date(ts).toISOString()}>{formatTime(ts, language)}</time>
    </p>
  );
}
