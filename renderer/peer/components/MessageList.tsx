// The message log. Only the newest PAGE entries are in the DOM ("Show earlier messages" adds more), so
// a flood of thousands of messages costs a few small renders a second. We chose a capped DOM over list
// virtualisation: every shown message is a real node in the role="log" live region (screen readers
// announce appended nodes only, and a virtualised list adds and removes nodes while scrolling), Ctrl+F
// finds what is on screen, and variable-height bubbles need no measuring.
//
// Staying at the newest message costs no script: the scroller is a `column-reverse` flex box, whose
// scroll origin is its bottom edge, so the browser keeps the bottom in view as entries are appended or
// trimmed at the top, and adding earlier entries above moves nothing. While someone reads back, the
// browser's scroll anchoring keeps their place as entries come and go below (Safari has no scroll
// anchoring: there the view creeps up as messages arrive). The page never reads a layout value per
// batch; `scrollTop` is read in scroll events only.
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type UIEvent } from 'react';
import type { ChatMessage, FileRef } from '../../../common/model.js';
import { Avatar } from '../../shared/Avatar.js';
import { FileList, type FileActions } from '../../shared/FileList.js';
import { MessageText } from '../../shared/MessageText.js';
import { PictureViewer } from '../../shared/PictureViewer.js';
import { continuesRun } from '../../shared/runs.js';
import { displayName, presenceText, roomEventText } from '../../shared/shared-strings.js';
import { formatDateTime, formatTime } from '../../shared/text.js';
import { isHost, type ChatState, type PendingMessage, type TimelineItem } from '../chat-state.js';
import { currentLanguage, useText, type Text } from '../peer-i18n.js';
import { ArrowDownIcon } from './peer-icons.js';
import type { RoomClient } from '../room-client.js';

/** Entries rendered while following the newest ones, and added per "Show earlier/newer messages". */
const PAGE = 150;
/** Entries rendered at most while someone reads back; the window slides past this. */
const MAX_RENDERED = 1_000;
/** Within this distance of the bottom, the log follows new messages. */
const STICK_PX = 64;

interface Props {
  chat: ChatState;
  online: boolean;
  client: RoomClient;
}

/**
 * Following the newest entries, or reading a window that starts at `fromKey` and holds still while
 * new messages arrive; `lastKeyThen` was the newest entry when reading began (for the "new below" mark).
 */
type View = { following: true } | { following: false; fromKey: string; lastKeyThen: string | undefined };

export function MessageList({ chat, online, client }: Props) {
  const t = useText();
  const lang = currentLanguage();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ following: true });
  const [picture, setPicture] = useState<FileRef | null>(null);
  const actions = useMemo<FileActions>(() => ({ openPicture: setPicture }), []);
  const closePicture = useCallback(() => setPicture(null), []);
  const { timeline, pending } = chat;
  const lastKey = timeline.at(-1)?.key;

  let start = Math.max(0, timeline.length - PAGE);
  if (!view.following) {
    // Scanning back from the end finds the key in a few steps for anyone reading recent messages.
    // A key no longer in memory (dropped as the oldest, or the history was cleared) means the start.
    start = Math.min(
      start,
      Math.max(
        0,
        timeline.findLastIndex((item) => item.key === view.fromKey),
      ),
    );
  }
  const end = Math.min(timeline.length, start + MAX_RENDERED);
  const shown = timeline.slice(start, end);
  const newBelow = !view.following && (lastKey !== view.lastKeyThen || end < timeline.length);
  const readingSince = view.following ? lastKey : view.lastKeyThen;
  const unseen = newBelow ? chatsAfter(timeline, readingSince) : 0;

  const toBottom = () => {
    setView({ following: true });
    if (scroller.current) scroller.current.scrollTop = 0;
  };

  // Sending always shows your own message.
  const pendingCount = pending.length;
  const lastPendingCount = useRef(pendingCount);
  useLayoutEffect(() => {
    if (pendingCount > lastPendingCount.current) toBottom();
    lastPendingCount.current = pendingCount;
  }, [pendingCount]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    // 0 at the bottom, negative above it (column-reverse).
    const following = event.currentTarget.scrollTop > -STICK_PX && end === timeline.length;
    if (following === view.following) return;
    setView(following ? { following: true } : { following: false, fromKey: shown[0]?.key ?? '', lastKeyThen: lastKey });
  };

  // Moving the window: the browser's scroll anchoring keeps the entries in view where they were.
  const readFrom = (index: number) => {
    const from = timeline[Math.max(0, Math.min(index, timeline.length - 1))];
    if (from) setView({ following: false, fromKey: from.key, lastKeyThen: readingSince });
  };

  return (
    <div className="log-area">
      <div className="scroller" ref={scroller} onScroll={onScroll}>
        <div className="scroller-content">
          {start > 0 && (
            <button type="button" className="earlier" onClick={() => readFrom(start - PAGE)}>
              {t('earlier')}
            </button>
          )}
          {timeline.length === 0 && pending.length === 0 && <p className="empty">{t('noMessages')}</p>}
          <div role="log" aria-live="polite" aria-relevant="additions" aria-label={t('messages')}>
            <ol className="timeline">
              {shown.map((item, i) => (
                <Entry key={item.key} item={item} previous={i > 0 ? shown[i - 1] : undefined} t={t} lang={lang} actions={actions} />
              ))}
              {end === timeline.length &&
                pending.map((p) => (
                  <PendingEntry key={p.clientMsgId} pending={p} online={online} name={chat.me?.name ?? ''} client={client} />
                ))}
            </ol>
          </div>
          {end < timeline.length && (
            <button type="button" className="earlier" onClick={() => readFrom(start + PAGE)}>
              {t('newer')}
            </button>
          )}
        </div>
      </div>
      {picture !== null && <PictureViewer file={picture} t={t} onClose={closePicture} />}
      {newBelow && (
        <button
          type="button"
          className="jump"
          onClick={toBottom}
          aria-label={unseen > 0 ? t('newBelowLabel', { count: unseen }) : t('jumpToLatest')}
          title={t('jumpToLatest')}
        >
          <ArrowDownIcon />
          {unseen > 0 && <span>{t('newBelow', { count: unseen })}</span>}
        </button>
      )}
    </div>
  );
}

interface EntryProps {
  item: TimelineItem;
  previous: TimelineItem | undefined;
  /** From the list (both change only with the language), so entries need no subscription each. */
  t: Text;
  lang: string;
  actions: FileActions;
}

const Entry = memo(function Entry({ item, previous, t, lang, actions }: EntryProps) {
  switch (item.kind) {
    case 'presence':
      return <li className="system">{presenceText(item.event, t)}</li>;
    case 'moderation':
      return <li className="system">{roomEventText(item.event, t, lang)}</li>;
    case 'gap':
      return <li className="system system-warning">{t('gap')}</li>;
    case 'cleared':
      return <li className="system">{t('cleared')}</li>;
    case 'room-changed':
      return <li className="system system-warning">{t('roomChanged')}</li>;
    case 'chat': {
      const continues = continuesRun(previous?.kind === 'chat' ? previous.message : undefined, item.message);
      return <ChatEntry message={item.message} own={item.own} continues={continues} t={t} lang={lang} actions={actions} />;
    }
  }
});

/**
 * Six or seven elements per message: floods create hundreds of these a second. The author's name is
 * isolated by its paragraph and the badge by its own style (chat.css), not by one more element. A
 * message that continues a run (same author, same minute) shows no avatar or name, and its time beside
 * the bubble on hover only.
 */
type ChatEntryProps = Omit<EntryProps, 'item' | 'previous'> & { message: ChatMessage; own: boolean; continues: boolean };

function ChatEntry({ message, own, continues, t, lang, actions }: ChatEntryProps) {
  const host = isHost(message.from);
  const classes = ['msg', own ? 'own' : 'other', host ? 'from-host' : '', continues ? 'continues' : ''].filter(Boolean).join(' ');
  // The author's name is in every item (visually hidden where the bubble continues a run or is
  // our own), so each message read on its own says who wrote it.
  const nameHidden = own || continues;
  const name = displayName(message.from, t);
  const time = (
    <time
      className={continues ? 'time side-time' : 'time'}
      dateTime={new Date(message.ts).toISOString()}
      title={formatDateTime(message.ts, lang)}
    >
      {formatTime(message.ts, lang)}
    </time>
  );
  return (
    <li className={classes}>
      {!own && !continues && <Avatar name={name} />}
      <div className="msg-body">
        <p className={nameHidden ? 'author sr-only' : 'author'}>
          {name}
          {host && <span className="badge badge-host">{t('host')}</span>}
        </p>
        <div className={message.files && !message.removed ? 'bubble has-files' : 'bubble'}>
          {message.removed ? (
            <p className="removed">{t('removedByHost')}</p>
          ) : (
            <>
              {message.files && <FileList files={message.files} actions={actions} />}
              {message.text !== '' && <MessageText text={message.text} />}
            </>
          )}
          {!continues && time}
        </div>
      </div>
      {continues && time}
    </li>
  );
}

/** Chat messages after the entry `key` (all of them when it is gone), counted from the newest back. */
function chatsAfter(timeline: readonly TimelineItem[], key: string | undefined): number {
  let count = 0;
  for (let i = timeline.length - 1; i >= 0 && timeline[i]!.key !== key; i--) {
    if (timeline[i]!.kind === 'chat') count++;
  }
  return count;
}

function PendingEntry({ pending, online, name, client }: { pending: PendingMessage; online: boolean; name: string; client: RoomClient }) {
  const t = useText();
  const reasons: Partial<Record<string, string>> = { 'too-long': t('reasonTooLong'), empty: t('reasonEmpty'), muted: t('reasonMuted') };
  const reason = reasons[pending.error ?? ''] ?? t('reasonOther');
  return (
    <li className={pending.error ? 'msg own pending failed' : 'msg own pending'}>
      <div className="msg-body">
        <p className="author sr-only">{name}</p>
        <div className="bubble">
          {pending.files && <p className="pending-files">{t('pendingFiles', { names: pending.files.map((f) => f.name).join(', ') })}</p>}
          {pending.text !== '' && <MessageText text={pending.text} />}
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
