// In the room's waiting room: the page says so and waits for the welcome; Cancel leaves the line.
import { useText } from '../peer-i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LogoIcon } from './peer-icons.js';

export function WaitingScreen({ roomName, onCancel }: { roomName: string; onCancel: () => void }) {
  const t = useText();
  return (
    <main className="join">
      <div className="join-card waiting-card">
        <div className="brand">
          <LogoIcon className="join-logo" />
          <span className="brand-name">{roomName}</span>
          <LanguageSwitch />
        </div>
        <div role="status" className="waiting-status">
          <h1>{t('waitingTitle')}</h1>
          <p className="waiting-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </p>
          <p className="join-hint">{t('waitingHint')}</p>
        </div>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </main>
  );
}
