// The message log. Only the newest PAGE entries are in the DOM ("Show earlier messages" adds more), so
// a flood of thousands of messages costs one small render per frame. We chose a capped DOM over list
// virtualisation: every shown message is a real node in the role="log" live region (screen readers
// announce appended nodes only, and a virtualised list adds and removes nodes while scrolling), Ctrl+F
// finds what is on screen, and variable-height bubbles need no measuring.
import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { ChatMessage } from '../../electron/room/types.js';
import { Avatar } from '../shared/Avatar.js';
import { MessageText } from '../shared/MessageText.js';
import { presenceText } from '../shared/strings.js';
import { formatDateTime, formatTime } from '../shared/text.js';
import { isHost, type ChatState, type PendingMessage, type TimelineItem } from './chat-state.js';
import { language, useText } from './i18n.js';
import { ArrowDownIcon } from './icons.js';
import type { RoomClient } from './room-client.js';

/** Entries rendered at first and added per "Show earlier messages". */
const PAGE = 150;
/** While someone reads older messages, new ones are appended without trimming, up to this many nodes. */
const MAX_RENDERED = 1_000;
/** Within this distance of the bottom, the log follows new messages. */
const STICK_PX = 64;
/** Messages from one person closer than this are drawn as one group. */
const GROUP_MS = 5 * 60_000;

interface Props {
  chat: ChatState;
  online: boolean;
  client: RoomClient;
}

export function MessageList({ chat, online, client }: Props) {
  const t = useText();
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  /** Key of the first rendered entry while the reader is away from the bottom (keeps their place). */
  const frozenStart = useRef<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [newBelow, setNewBelow] = useState(false);
  const { timeline, pending } = chat;

  let start = Math.max(0, timeline.length - limit);
  if (frozenStart.current !== null) {
    const at = timeline.findIndex((item) => item.key === frozenStart.current);
    if (at >= 0 && timeline.length - at <= MAX_RENDERED) start = Math.min(start, at);
  }
  const shown = timeline.slice(start);
  const lastKey = timeline.at(-1)?.key;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (pinned.current) {
      el.scrollTop = el.scrollHeight;
      if (limit > PAGE && !frozenStart.current) setLimit(PAGE);
    } else if (lastKey !== undefined) {
      setNewBelow(true);
    }
    // Only new entries move the view; `limit` changes come from the reader's own scrolling.
  }, [lastKey]);

  // Sending always shows your own message.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || pending.length === 0) return;
    pinned.current = true;
    frozenStart.current = null;
    el.scrollTop = el.scrollHeight;
  }, [pending.length]);

  const onScroll = () => {
    const el = scroller.current!;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    if (atBottom === pinned.current) return;
    pinned.current = atBottom;
    frozenStart.current = atBottom ? null : (shown[0]?.key ?? null);
    if (atBottom) setNewBelow(false);
  };

  const showEarlier = () => {
    const next = Math.max(0, start - PAGE);
    frozenStart.current = timeline[next]?.key ?? null;
    pinned.current = false;
    setLimit(timeline.length - next);
  };

  const jumpToLatest = () => {
    const el = scroller.current!;
    pinned.current = true;
    frozenStart.current = null;
    setNewBelow(false);
    setLimit(PAGE);
    el.scrollTop = el.scrollHeight;
  };

  return (
    <div className="log-area">
      <div className="scroller" ref={scroller} onScroll={onScroll}>
        {start > 0 && (
          <button type="button" className="earlier" onClick={showEarlier}>
            {t('earlier')}
          </button>
        )}
        {timeline.length === 0 && pending.length === 0 && <p className="empty">{t('noMessages')}</p>}
        <div role="log" aria-live="polite" aria-relevant="additions" aria-label={t('messages')}>
          <ol className="timeline">
            {shown.map((item, i) => (
              <Entry key={item.key} item={item} previous={i > 0 ? shown[i - 1] : undefined} />
            ))}
            {pending.map((p) => (
              <PendingEntry key={p.clientMsgId} pending={p} online={online} name={chat.me?.name ?? ''} client={client} />
            ))}
          </ol>
        </div>
      </div>
      {newBelow && (
        <button type="button" className="jump" onClick={jumpToLatest} aria-label={t('jumpToLatest')} title={t('jumpToLatest')}>
          <ArrowDownIcon />
        </button>
      )}
    </div>
  );
}

const Entry = memo(function Entry({ item, previous }: { item: TimelineItem; previous: TimelineItem | undefined }) {
  const t = useText();
  switch (item.kind) {
    case 'presence':
      return <li className="system">{presenceText(item.event, t)}</li>;
    case 'gap':
      return <li className="system system-warning">{t('gap')}</li>;
    case 'chat': {
      const continues =
        previous?.kind === 'chat' && previous.message.from.id === item.message.from.id && item.message.ts - previous.message.ts < GROUP_MS;
      return <ChatEntry message={item.message} own={item.own} continues={continues} />;
    }
  }
});

function ChatEntry({ message, own, continues }: { message: ChatMessage; own: boolean; continues: boolean }) {
  const t = useText();
  const host = isHost(message.from);
  const classes = ['msg', own ? 'own' : 'other', host ? 'from-host' : '', continues ? 'continues' : ''].filter(Boolean).join(' ');
  // The author's name is in every item (visually hidden where the bubble continues a group or is
  // our own), so each message read on its own says who wrote it.
  const nameHidden = own || continues;
  return (
    <li className={classes}>
      {!own && (continues ? <span className="avatar-space" /> : <Avatar name={message.from.name} />)}
      <div className="msg-body">
        <p className={nameHidden ? 'meta sr-only' : 'meta'}>
          <span className="author">{message.from.name}</span>
          {host && <span className="badge badge-host">{t('host')}</span>}
        </p>
        <div className="bubble">
          <MessageText text={message.text} />
          <time className="time" dateTime={new Date(message.ts).toISOString()} title={formatDateTime(message.ts, language)}>
            {formatTime(message.ts, language)}
          </time>
        </div>
      </div>
    </li>
  );
}

function PendingEntry({ pending, online, name, client }: { pending: PendingMessage; online: boolean; name: string; client: RoomClient }) {
  const t = useText();
  const reason =
    pending.error === 'too-long' ? t('reasonTooLong') : pending.error === 'empty' ? t('reasonEmpty') : t('reasonOther');
  return (
    <li className={pending.error ? 'msg own pending failed' : 'msg own pending'}>
      <div className="msg-body">
        <p className="meta sr-only">
          <span className="author">{name}</span>
        </p>
        <div className="bubble">
          <MessageText text={pending.text} />
        </div>
        <p className="pending-state">
          {pending.error ? t('notSent', { reason }) : online ? t('sending') : t('queued')}
          {pending.error && (
            <>
              <button type="button" className="link-button" onClick={() => client.editPending(pending.clientMsgId)}>
                {t('edit')}
              </button>
              <button type="button" className="link-button" onClick={() => client.discardPending(pending.clientMsgId)}>
                {t('remove')}
              </button>
            </>
          )}
        </p>
      </div>
    </li>
  );
}
