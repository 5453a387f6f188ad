// The top of the window: which room, whether it runs, on which port, how many people; and any problem
// the host must act on (a port in use comes with a one-click way out).
import type { RoomSettings, RoomStatus } from '../../../common/host-view.js';
import { peopleCount } from '../../../common/people.js';
import { displayRoomName } from '../../shared/shared-strings.js';
import { errorMessage, useHost } from '../context.js';
import { Logo, PeopleIcon, SettingsIcon } from './host-icons.js';

export function StatusBar({
  status,
  settings,
  onOpenSettings,
  panel,
}: {
  status: RoomStatus;
  settings: RoomSettings;
  onOpenSettings: () => void;
  /** The side panel's toggle, shown while the window is too narrow for the panel beside the chat. */
  panel: { open: boolean; id: string; toggle: () => void };
}) {
  const { t } = useHost();
  const people = peopleCount(status.clientCount);
  return (
    <>
      <header className="topbar">
        <div className="brand">
          <Logo />
          <div className="brand-text">
            <h1>{displayRoomName(settings.roomName, t)}</h1>
            <span className="brand-sub">{t('appName')}</span>
          </div>
        </div>
        <div className="status" role="status" aria-label={t('status.label')}>
          <span className={`pill ${status.running ? 'pill-ok' : 'pill-off'}`}>
            <span className="dot" aria-hidden="true" />
            {status.running ? t('status.running') : t('status.stopped')}
          </span>
          <span className="pill">{t('status.port', { port: status.port || settings.port })}</span>
          <span className="pill">{t('status.people', { count: people })}</span>
        </div>
        <button
          type="button"
          className="button ghost panel-toggle"
          aria-expanded={panel.open}
          aria-controls={panel.id}
          onClick={panel.toggle}
        >
          <PeopleIcon />
          <span className="button-label">{t('panel.toggle')}</span>
          <span className="count" aria-hidden="true">
            {people}
          </span>
        </button>
        <button type="button" className="button ghost" onClick={onOpenSettings}>
          <SettingsIcon />
          <span className="button-label">{t('settings.open')}</span>
        </button>
      </header>
      {status.error && <ErrorBanner status={status} settings={settings} />}
    </>
  );
}

function ErrorBanner({ status, settings }: { status: RoomStatus; settings: RoomSettings }) {
  const { api, t, notify } = useHost();
  const error = status.error!;
  if (error.code !== 'port-in-use') {
    // The room's own words (an operating system's error) stay as the detail.
    return (
      <div className="banner banner-error" role="alert">
        {t(`error.${error.code}`, { message: error.message })}
      </div>
    );
  }
  const port = status.port || settings.port;
  // The next port up is the usual free neighbour; if it is taken too, the room says so again.
  const next = port >= 65535 ? 1024 : port + 1;
  return (
    <div className="banner banner-error" role="alert">
      <div>
        <strong>{t('error.portInUse', { port })}</strong>
        <p>{t('error.portHint')}</p>
      </div>
      <button
        type="button"
        className="button primary"
        onClick={() => {
          api.updateSettings({ port: next }).catch((e: unknown) => notify(t('settings.saveFailed', { message: errorMessage(e) }), 'error'));
        }}
      >
        {t('error.useOtherPort', { port: next })}
      </button>
    </div>
  );
}
