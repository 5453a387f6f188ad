// The first screen: which room this is and whose (before joining), a name (prefilled, remembered, as
// long as the room allows), the PIN up front when the room has one, and "Join". A lockout after wrong
// PINs counts down.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import type { RoomPreview } from '../../../common/protocol.js';
import { sanitizeName } from '../../../common/sanitize.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { displayRoomName } from '../../shared/shared-strings.js';
import { currentLanguage, useText } from '../peer-i18n.js';
import { secondsLeft, useCountdown } from '../countdown.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { randomName } from '../random-name.js';
import type { ConnectionStatus } from '../room-client.js';
import { stopText } from '../verdict-text.js';
import { rememberName, rememberedName } from '../storage.js';
import { DiceIcon, LogoIcon } from './peer-icons.js';

interface Props {
  status: ConnectionStatus;
  /** What the room tells before joining; null until it has answered. */
  preview: RoomPreview | null;
  /** Name used in this tab before (after a kick, a PIN prompt or leaving); else the remembered or a random one. */
  initialName: string;
  /** A PIN carried by the join link (`?pin=`, from the host's QR code). */
  linkPin: string | undefined;
  onJoin: (name: string, pin: string | undefined) => void;
}

export function JoinScreen({ status, preview, initialName, linkPin, onJoin }: Props) {
  const t = useText();
  const [name, setName] = useState(() => initialName || rememberedName() || randomName(currentLanguage()));
  const [pin, setPin] = useState(linkPin ?? '');
  const [error, setError] = useState('');
  const nameId = useId();
  const hintId = useId();
  const pinId = useId();
  const messageId = useId();
  const pinBox = useRef<HTMLInputElement>(null);
  const askPin = status.phase === 'pin' || preview?.pinRequired === true || linkPin !== undefined;
  // A PIN lockout's time left, or a ban's, counts down while the page shows it.
  const now = useCountdown(status.phase === 'pin' ? status.waitUntil : status.phase === 'stopped' ? status.until : undefined);
  const busy = status.phase === 'connecting' || status.phase === 'waiting';
  const maxNameLength = preview?.maxNameLength ?? DEFAULT_LIMITS.maxNameLength;

  // The PIN is what a newcomer still has to type: once the room says it needs one, that box is next.
  useEffect(() => {
    if (preview?.pinRequired && !linkPin) pinBox.current?.focus();
  }, [preview?.pinRequired, linkPin]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = sanitizeName(name, maxNameLength);
    if (!clean) {
      setError(t('nameNeeded'));
      return;
    }
    if (preview?.pinRequired && pin.trim() === '') {
      setError(t('pinRequired'));
      pinBox.current?.focus();
      return;
    }
    setError('');
    setName(clean);
    rememberName(clean);
    onJoin(clean, askPin ? pin.trim() : undefined);
  };

  const waitSeconds = status.phase === 'pin' ? secondsLeft(status.waitUntil, now) : 0;
  let message = error;
  if (!message && status.phase === 'pin') {
    if (status.roomChanged) message = t('roomChangedPin');
    else if (waitSeconds > 0) message = t(status.limit === 'room' ? 'pinBusy' : 'pinLocked', { seconds: waitSeconds });
    else if (status.waitUntil) message = t('pinAgain');
    else message = status.changed ? t('pinChanged') : status.wrong ? t('pinWrong') : t('pinRequired');
  }
  if (!message && status.phase === 'stopped') message = stopText(status, t, currentLanguage(), now);
  if (!message && status.phase === 'waiting') message = t('unreachable');
  // Leaving is the person's own doing: said calmly, not as an alert.
  const note = !message && status.phase === 'left' ? t('youLeft') : '';

  return (
    <main className="join">
      <form className="join-card" onSubmit={submit} aria-describedby={message ? messageId : undefined} noValidate>
        <div className="brand">
          <LogoIcon className="join-logo" />
          <span className="brand-name">{t('appName')}</span>
          <LanguageSwitch />
        </div>
        <h1>{preview ? displayRoomName(preview.name, t) : t('joinTitle')}</h1>
        {/* "Hosted by Host" would tell nothing: the host's name is shown once they chose one. */}
        {preview && preview.hostName !== DEFAULT_SETTINGS.hostName && (
          <p className="join-host">{t('hostedBy', { name: preview.hostName })}</p>
        )}
        {note && (
          <p className="join-note" role="status">
            {note}
          </p>
        )}
        <label htmlFor={nameId}>{t('yourName')}</label>
        <div className="name-row">
          <input
            id={nameId}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="nickname"
            enterKeyHint="go"
            maxLength={maxNameLength}
            aria-describedby={hintId}
            autoFocus={status.phase !== 'pin'}
          />
          <button
            type="button"
            className="icon-button"
            title={t('otherName')}
            aria-label={t('otherName')}
            onClick={() => setName(randomName(currentLanguage()))}
          >
            <DiceIcon />
          </button>
        </div>
        <p id={hintId} className="join-field-hint">
          {t('nameHint', { max: maxNameLength })}
        </p>
        {askPin && (
          <>
            <label htmlFor={pinId}>{t('pin')}</label>
            <input
              ref={pinBox}
              id={pinId}
              type="text"
              autoComplete="one-time-code"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="go"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              aria-invalid={status.phase === 'pin' && status.wrong}
              autoFocus={status.phase === 'pin'}
            />
          </>
        )}
        {message && (
          <p id={messageId} className="join-message" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="primary" aria-busy={busy}>
          {t('join')}
        </button>
        {busy && (
          <p className="join-busy" aria-hidden="true">
            {t('joining')}
          </p>
        )}
        <p className="join-hint">{t('joinHint')}</p>
      </form>
    </main>
  );
}
