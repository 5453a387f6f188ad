// The host's composer: Enter sends, Shift+Enter breaks the line, and Enter that confirms an input-method
// candidate (pinyin, kana) never sends. Near the size limit a byte counter appears.
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { utf8Length } from '../../shared/text.js';
import { errorMessage, useHost } from '../context.js';
import { SendIcon } from './icons.js';

/** The counter shows from this share of the limit on. */
const COUNTER_FROM = 0.8;

export function SendBox({ maxBytes, onSent }: { maxBytes: number; onSent: () => void }) {
  const { api, t } = useHost();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const composing = useRef(false);
  const bytes = utf8Length(text);
  const tooLong = bytes > maxBytes;
  const canSend = text.trim() !== '' && !tooLong;

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

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey) return;
    // keyCode 229 is how some browsers flag a key the input method is still handling.
    if (composing.current || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void send();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-row">
        <textarea
          className="composer-input"
          aria-label={t('send.label')}
          placeholder={t('send.placeholder')}
          rows={1}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onCompositionStart={() => (composing.current = true)}
          onCompositionEnd={() => (composing.current = false)}
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
        {bytes >= maxBytes * COUNTER_FROM && (
          <span className={`counter ${tooLong ? 'over' : ''}`}>
            {tooLong && `${t('send.tooLong')} · `}
            {t('send.counter', { used: bytes, max: maxBytes })}
          </span>
        )}
      </div>
    </form>
  );
}
