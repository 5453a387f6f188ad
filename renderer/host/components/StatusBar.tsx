// The top of the window: which room, whether it runs, on which port, how many people; and any problem
// the host must act on (a port in use comes with a one-click way out).
import type { RoomSettings, RoomStatus } from '../../../common/host-view.js';
import { errorMessage, useHost } from '../context.js';
import { Logo, SettingsIcon } from './host-icons.js';

export function StatusBar({
  status,
  settings,
  onOpenSettings,
}: {
  status: RoomStatus;
  settings: RoomSettings;
  onOpenSettings: () => void;
}) {
  const { t } = useHost();
  return (
    <>
      <header className="topbar">
        <div className="brand">
          <Logo />
          <div className="brand-text">
            <h1>{settings.roomName}</h1>
            <span className="brand-sub">LAN Chat</span>
          </div>
        </div>
        <div className="status" role="status" aria-label={t('status.label')}>
          <span className={`pill ${status.running ? 'pill-ok' : 'pill-off'}`}>
            <span className="dot" aria-hidden="true" />
            {status.running ? t('status.running') : t('status.stopped')}
          </span>
          <span className="pill">{t('status.port', { port: status.port || settings.port })}</span>
          <span className="pill">{t('status.people', { count: status.clientCount })}</span>
        </div>
        <button type="button" className="button ghost" onClick={onOpenSettings}>
          <SettingsIcon />
          {t('settings.open')}
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
    return (
      <div className="banner banner-error" role="alert">
        {t('error.generic', { message: error.message })}
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
