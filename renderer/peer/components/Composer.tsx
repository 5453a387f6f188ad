// The message box. Enter sends, Shift+Enter starts a new line, and Enter that confirms an input-method
// candidate (pinyin, kana…) never sends. Near the size limit a character counter appears; nothing is
// dropped silently: what can't be sent stays in the box with a message saying why. Muted by the host,
// the box and the attach buttons are disabled and say so; in slow mode it keeps the text and counts
// down to the next send.
import { memo, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useEnterToSend } from '../../shared/enter-to-send.js';
import { LengthCounter, measureLength } from '../../shared/length-counter.js';
import { utf8Length } from '../../shared/text.js';
import { useText, type Text } from '../peer-i18n.js';
import type { UploadManager } from '../upload-manager.js';
import { pasteFiles, useFileDrop } from '../../shared/file-drop.js';
import { DropZone } from '../../shared/DropZone.js';
import { AttachButtons } from './Attachments.js';
import { SendIcon } from './peer-icons.js';
import type { ClientSnapshot, Notice, RoomClient } from '../room-client.js';
import type { ChatState } from '../chat-state.js';
import { useSendRules } from './send-rules.js';

/** Notices that report a passing state hide on their own after this long. */
const NOTICE_MS = 6_000;
const MAX_ROWS = 6;

interface Props {
  client: RoomClient;
  uploads: UploadManager;
  maxBytes: number;
  notice: Notice | null;
  restore: ClientSnapshot['restore'];
  muted: ChatState['muted'];
  slowModeSeconds: number;
  slowUntil: number;
}

// Memoised: chat batches don't change its props, so a flood doesn't re-render the box being typed in.
export const Composer = memo(function Composer({ client, uploads, maxBytes, notice, restore, muted, slowModeSeconds, slowUntil }: Props) {
  const t = useText();
  const rules = useSendRules(muted, slowModeSeconds, slowUntil);
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const typed = useRef(text);
  typed.current = text;

  // Files go at once, with what is typed as their caption (a caption too long for a message stays in the box).
  const attach = useCallback(
    (files: File[]) => {
      if (files.length === 0 || rules.muted) return;
      const caption = utf8Length(typed.current) <= maxBytes ? typed.current : '';
      uploads.add(files, caption);
      if (caption !== '') {
        setText('');
        client.typed('');
      }
    },
    [uploads, client, maxBytes, rules.muted],
  );
  const dragging = useFileDrop(attach);

  useEffect(() => box.current?.focus(), []);

  useEffect(() => {
    if (!restore) return;
    setText(restore.text);
    box.current?.focus();
  }, [restore]);

  useEffect(() => {
    if (!notice || notice.code === 'too-long') return;
    const timer = setTimeout(() => client.dismissNotice(), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, client]);

  const over = utf8Length(text) > maxBytes;

  const send = () => {
    if (rules.muted || rules.waiting) return;
    const result = client.send(text);
    if (result === 'ok') {
      setText('');
      setLocalError('');
    } else if (result === 'too-long') {
      setLocalError(t('tooLong', { count: measureLength(text, maxBytes).tooMany }));
    }
    box.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const enterToSend = useEnterToSend(send);

  const serverError = notice ? noticeText(notice, t) : '';
  const error = localError || serverError;
  return (
    <form className="composer" onSubmit={onSubmit}>
      {dragging && <DropZone text={t('dropFiles')} />}
      {error && (
        <div className="composer-notice" role="alert">
          <span>{error}</span>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setLocalError('');
              client.dismissNotice();
            }}
          >
            {t('dismiss')}
          </button>
        </div>
      )}
      {rules.reason && (
        <p className="composer-rule" role="status">
          {rules.reason}
        </p>
      )}
      <div className="composer-row">
        <AttachButtons onFiles={attach} disabled={rules.muted} />
        <textarea
          ref={box}
          className="composer-input"
          aria-label={t('message')}
          aria-invalid={over}
          disabled={rules.muted}
          placeholder={t('placeholder')}
          rows={Math.min(MAX_ROWS, text.split('\n').length)}
          value={text}
          enterKeyHint="send"
          onChange={(e) => {
            setText(e.target.value);
            client.typed(e.target.value);
            if (localError && utf8Length(e.target.value) <= maxBytes) setLocalError('');
          }}
          onPaste={pasteFiles(attach)}
          {...enterToSend}
        />
        <button type="submit" className="send-button" disabled={rules.muted || rules.waiting}>
          <SendIcon />
          <span className="send-label">{t('send')}</span>
        </button>
      </div>
      <p className="composer-foot">
        <span className="keys-hint">{t('keysHint')}</span>
        <LengthCounter text={text} maxBytes={maxBytes} t={t} />
      </p>
    </form>
  );
});

function noticeText(notice: Notice, t: Text): string {
  switch (notice.code) {
    case 'rate-limited':
      return t('rateLimited');
    case 'empty':
      return t('empty');
    case 'too-long':
      return t('tooLongServer');
    case 'files-unavailable':
      return t('filesUnavailable');
    default:
      return t('badRequest');
  }
}
