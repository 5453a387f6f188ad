// The host's composer: Enter sends, Shift+Enter breaks the line, and Enter that confirms an input-method
// candidate (pinyin, kana) never sends. Near the size limit a character counter appears. Files come in
// by the attach button, paste and drop, with what is typed as their caption.
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { DropZone } from '../../shared/DropZone.js';
import { useEnterToSend } from '../../shared/enter-to-send.js';
import { pasteFiles, useFileDrop } from '../../shared/file-drop.js';
import { LengthCounter } from '../../shared/length-counter.js';
import { utf8Length } from '../../shared/text.js';
import { errorMessage, useHost } from '../context.js';
import { withPreviews } from '../share-files.js';
import { PaperclipIcon, SendIcon } from './host-icons.js';

export function SendBox({ maxBytes, onSent }: { maxBytes: number; onSent: () => void }) {
  const { api, t } = useHost();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sharing, setSharing] = useState(0);
  const tooLong = utf8Length(text) > maxBytes;
  const canSend = text.trim() !== '' && !tooLong;
  const typed = useRef(text);
  typed.current = text;

  // Picked, pasted or dropped files go at once, with what is typed as their caption.
  const share = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      const caption = utf8Length(typed.current) <= maxBytes ? typed.current : '';
      setSharing(files.length);
      try {
        await api.shareFiles(await withPreviews(files), caption);
        setText((current) => (current === caption ? '' : current));
        setError(null);
        onSent();
      } catch (e) {
        setError(t('files.shareFailed', { message: errorMessage(e) }));
      } finally {
        setSharing(0);
      }
    },
    [api, maxBytes, onSent, t],
  );
  const attach = useCallback((files: File[]) => void share(files), [share]);
  const dragging = useFileDrop(attach);

  const send = async () => {
    if (!canSend) return;
    const sent = text;
    try {
      await api.send(sent);
      // Whatever was typed while the message travelled stays.
      setText((current) => (current === sent ? '' : current));
      setError(null);
      onSent();
    } catch (e) {
      setError(t('send.failed', { message: errorMessage(e) }));
    }
  };

  const enterToSend = useEnterToSend(() => void send());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {dragging && <DropZone text={t('dropFiles')} />}
      <div className="composer-row">
        <label className="button icon-button attach-button" title={t('attachFiles')}>
          <input
            type="file"
            multiple
            className="sr-only"
            aria-label={t('attachFiles')}
            onChange={(event) => {
              const files = Array.from(event.currentTarget.files ?? []);
              event.currentTarget.value = '';
              attach(files);
            }}
          />
          <PaperclipIcon />
        </label>
        <textarea
          className="composer-input"
          aria-label={t('send.label')}
          placeholder={t('send.placeholder')}
          rows={1}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onPaste={pasteFiles(attach)}
          {...enterToSend}
          aria-invalid={tooLong}
          aria-describedby="composer-status"
        />
        <button type="submit" className="button primary send" disabled={!canSend}>
          <SendIcon />
          {t('send.button')}
        </button>
      </div>
      <div id="composer-status" className="composer-status" aria-live="polite">
        {error && <span className="composer-error">{error}</span>}
        {sharing > 0 && <span className="composer-sharing">{t('files.sharing', { count: sharing })}</span>}
        {tooLong && <span className="counter over">{t('send.tooLong')}</span>}
        <LengthCounter text={text} maxBytes={maxBytes} t={t} />
      </div>
    </form>
  );
}
