// The conversation: a virtualised list (only the rows on screen exist in the DOM, so 100,000 messages
// scroll as smoothly as 10). It follows new messages while the host is at the bottom; once the host
// scrolls up it stays put and offers an "N new" button instead.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Avatar } from '../../shared/Avatar.js';
import { MessageText } from '../../shared/MessageText.js';
import { presenceText } from '../../shared/strings.js';
import { formatDateTime, formatTime } from '../../shared/text.js';
import { useHost } from '../context.js';
import type { Timeline, TimelineItem } from '../timeline.js';
import { ArrowDownIcon } from './icons.js';

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel layouts never hit 0). */
const BOTTOM_SLACK = 48;
/** Messages from one person closer together than this share one header. */
const GROUP_GAP_MS = 5 * 60_000;

export function History({ timeline, followSignal }: { timeline: Timeline; followSignal: number }) {
  const { t } = useHost();
  const version = useSyncExternalStore(timeline.subscribe, timeline.getVersion);
  const count = timeline.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const lastScrollTop = useRef(0);
  /** `timeline.chatCount` when the host scrolled away from the bottom; null while following. */
  const [leftAt, setLeftAt] = useState<number | null>(null);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 6,
    getItemKey: (index) => timeline.at(index)?.key ?? index,
  });

  const scrollToEnd = () => {
    if (timeline.length > 0) virtualizer.scrollToIndex(timeline.length - 1, { align: 'end' });
  };

  useLayoutEffect(() => {
    if (following.current) scrollToEnd();
    // `version` is the timeline's change counter: follow on every batch.
  }, [version]);

  // The host sent something: they want to see it, wherever they were.
  useEffect(() => {
    if (followSignal === 0) return;
    following.current = true;
    setLeftAt(null);
    scrollToEnd();
  }, [followSignal]);

  const onScroll = () => {
    const el = scrollRef.current!;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    if (atBottom) {
      following.current = true;
      setLeftAt(null);
    } else if (el.scrollTop < lastScrollTop.current && following.current) {
      // Only a move upwards means the host left; rows growing as they are measured never do.
      following.current = false;
      setLeftAt(timeline.chatCount);
    }
    lastScrollTop.current = el.scrollTop;
  };

  const unseen = leftAt === null ? 0 : timeline.chatCount - leftAt;
  const rows = virtualizer.getVirtualItems();

  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title" className="sr-only">
        {t('history.title')}
      </h2>
      <div ref={scrollRef} className="history-scroll" role="log" aria-labelledby="history-title" tabIndex={0} onScroll={onScroll}>
        {count === 0 && <p className="history-empty">{t('history.empty')}</p>}
        <div className="history-space" style={{ height: virtualizer.getTotalSize() }}>
          <div className="history-rows" style={{ transform: `translateY(${rows[0]?.start ?? 0}px)` }}>
            {rows.map((row) => (
              <div key={row.key} data-index={row.index} ref={virtualizer.measureElement} className="row">
                <Row item={timeline.at(row.index)!} previous={timeline.at(row.index - 1)} />
              </div>
            ))}
          </div>
        </div>
      </div>
      {unseen > 0 && (
        <button
          type="button"
          className="button primary new-marker"
          aria-label={t('history.jumpLabel', { count: unseen })}
          onClick={() => {
            following.current = true;
            setLeftAt(null);
            scrollToEnd();
          }}
        >
          <ArrowDownIcon />
          {t('history.newMessages', { count: unseen })}
        </button>
      )}
    </section>
  );
}

const Row = memo(function Row({ item, previous }: { item: TimelineItem; previous: TimelineItem | undefined }) {
  const { t, language } = useHost();
  if (item.kind === 'presence') {
    return <SystemLine text={presenceText(item.event, t)} ts={item.event.ts} language={language} />;
  }
  if (item.kind === 'cleared') {
    return <SystemLine text={t('history.cleared')} ts={item.ts} language={language} />;
  }
  const { message } = item;
  const own = message.from.kind === 'host';
  const grouped =
    previous?.kind === 'chat' && previous.message.from.id === message.from.id && message.ts - previous.message.ts < GROUP_GAP_MS;
  const time = (
    <time dateTime={new Date(message.ts).toISOString()} title={formatDateTime(message.ts, language)}>
      {formatTime(message.ts, language)}
    </time>
  );
  return (
    <article className={`message ${own ? 'own' : ''} ${grouped ? 'grouped' : ''}`}>
      {!own && (grouped ? <span className="avatar-space" aria-hidden="true" /> : <Avatar name={message.from.name} />)}
      <div className="message-body">
        {grouped ? (
          <span className="sr-only">{message.from.name}</span>
        ) : (
          <div className="message-head">
            <span className="author">{own ? `${message.from.name} (${t('you')})` : message.from.name}</span>
            {time}
          </div>
        )}
        <div className="bubble">
          <MessageText text={message.text} />
        </div>
      </div>
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
