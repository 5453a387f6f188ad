// The first screen: a name (prefilled, remembered), a PIN when the room asks for one, and "Join".
import { useId, useState, type FormEvent } from 'react';
import { sanitizeName } from '../../../common/sanitize.js';
import { currentLanguage, useText } from '../peer-i18n.js';
import { useSecondsUntil } from '../countdown.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { randomName } from '../random-name.js';
import type { ConnectionStatus } from '../room-client.js';
import { rememberName, rememberedName } from '../storage.js';
import { DiceIcon, LogoIcon } from './peer-icons.js';

interface Props {
  status: ConnectionStatus;
  /** Name used in this tab before (after a kick or PIN prompt); else the remembered or a random one. */
  initialName: string;
  /** A PIN carried by the join link (`?pin=`, from the host's QR code). */
  linkPin: string | undefined;
  onJoin: (name: string, pin: string | undefined) => void;
}

export function JoinScreen({ status, initialName, linkPin, onJoin }: Props) {
  const t = useText();
  const [name, setName] = useState(() => initialName || rememberedName() || randomName(currentLanguage()));
  const [pin, setPin] = useState(linkPin ?? '');
  const [error, setError] = useState('');
  const nameId = useId();
  const pinId = useId();
  const messageId = useId();
  const askPin = status.phase === 'pin';
  const busy = status.phase === 'connecting' || status.phase === 'waiting';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = sanitizeName(name);
    if (!clean) {
      setError(t('nameNeeded'));
      return;
    }
    setError('');
    setName(clean);
    rememberName(clean);
    onJoin(clean, askPin || linkPin ? pin.trim() : undefined);
  };

  const waitSeconds = useSecondsUntil(status.phase === 'pin' ? status.waitUntil : undefined);
  let message = error;
  if (!message && status.phase === 'pin') {
    if (status.roomChanged) message = t('roomChangedPin');
    else if (waitSeconds > 0) message = t(status.limit === 'room' ? 'pinBusy' : 'pinLocked', { seconds: waitSeconds });
    else message = status.wrong ? t('pinWrong') : t('pinRequired');
  }
  if (!message && status.phase === 'stopped') message = t(status.reason === 'kicked' ? 'kicked' : 'replaced');
  if (!message && status.phase === 'waiting') message = t('unreachable');

  return (
    <main className="join">
      <form className="join-card" onSubmit={submit} aria-describedby={message ? messageId : undefined} noValidate>
        <div className="brand">
          <LogoIcon className="join-logo" />
          <span className="brand-name">{t('appName')}</span>
          <LanguageSwitch />
        </div>
        <h1>{t('joinTitle')}</h1>
        <label htmlFor={nameId}>{t('yourName')}</label>
        <div className="name-row">
          <input
            id={nameId}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="nickname"
            enterKeyHint="go"
            maxLength={80}
            autoFocus={!askPin}
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
        {askPin && (
          <>
            <label htmlFor={pinId}>{t('pin')}</label>
            <input
              id={pinId}
              type="text"
              autoComplete="one-time-code"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              aria-invalid={status.wrong}
              autoFocus
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
