// The host's composer: Enter sends, Shift+Enter breaks the line, and Enter that confirms an input-method
// candidate (pinyin, kana) never sends. Near the size limit a character counter appears.
import { useState, type FormEvent } from 'react';
import { useEnterToSend } from '../../shared/enter-to-send.js';
import { LengthCounter } from '../../shared/length-counter.js';
import { utf8Length } from '../../shared/text.js';
import { errorMessage, useHost } from '../context.js';
import { SendIcon } from './host-icons.js';

export function SendBox({ maxBytes, onSent }: { maxBytes: number; onSent: () => void }) {
  const { api, t } = useHost();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const tooLong = utf8Length(text) > maxBytes;
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

  const enterToSend = useEnterToSend(() => void send());

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
        {tooLong && <span className="counter over">{t('send.tooLong')}</span>}
        <LengthCounter text={text} maxBytes={maxBytes} t={t} />
      </div>
    </form>
  );
}
