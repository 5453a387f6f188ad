// How people get in: every address the room can be reached at, the likely one first, each with its QR
// code and a copy button; plus a full-screen view to put on a projector or hold up to a phone.
import { useState } from 'react';
import type { JoinUrl, RoomSettings } from '../../../common/host-view.js';
import { useHost } from '../context.js';
import { CheckIcon, CopyIcon, ScreenIcon, WifiIcon } from './host-icons.js';
import { Modal } from './Modal.js';
import { QrCode } from './QrCode.js';

/** `urls` as the room gives them: the likely one first, virtual adapters last, each carrying the PIN when one is set. */
export function JoinCard({ urls, settings }: { urls: JoinUrl[]; settings: RoomSettings }) {
  const { t } = useHost();
  const [selectedUrl, setSelectedUrl] = useState<string | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  // Keep the host's choice while it still exists (addresses come and go with the network).
  const selected = urls.find((joinUrl) => joinUrl.url === selectedUrl) ?? urls[0];

  return (
    <section className="card join" aria-labelledby="join-title">
      <h2 id="join-title" className="card-title">
        <WifiIcon />
        {t('join.title')}
      </h2>
      {!selected ? (
        <p className="empty">{t('join.none')}</p>
      ) : (
        <>
          <p className="muted">{t('join.hint')}</p>
          <div className="join-qr">
            <QrCode text={selected.url} label={t('join.qr', { url: selected.url })} />
          </div>
          <ul className="url-list" aria-label={t('join.urls')}>
            {urls.map((joinUrl, index) => (
              <UrlRow
                key={joinUrl.url}
                joinUrl={joinUrl}
                likely={index === 0 && !joinUrl.virtual}
                selected={joinUrl === selected}
                onSelect={() => setSelectedUrl(joinUrl.url)}
              />
            ))}
          </ul>
          {settings.pin && <p className="pin-line">{t('join.pin', { pin: settings.pin })}</p>}
          <button type="button" className="button primary wide" onClick={() => setFullscreen(true)}>
            <ScreenIcon />
            {t('join.show')}
          </button>
          {fullscreen && <Fullscreen joinUrl={selected} settings={settings} onClose={() => setFullscreen(false)} />}
        </>
      )}
    </section>
  );
}

function UrlRow({ joinUrl, likely, selected, onSelect }: { joinUrl: JoinUrl; likely: boolean; selected: boolean; onSelect: () => void }) {
  const { t } = useHost();
  return (
    <li className={`url-row ${selected ? 'selected' : ''}`}>
      <button
        type="button"
        className="url-select"
        aria-pressed={selected}
        aria-label={t('join.showQr', { url: joinUrl.url })}
        onClick={onSelect}
      >
        <span className="url-text">{joinUrl.url}</span>
        <span className="url-tags">
          <span className="tag">{joinUrl.interface}</span>
          {likely && <span className="tag tag-accent">{t('join.likely')}</span>}
          {joinUrl.virtual && <span className="tag tag-warn">{t('join.virtual')}</span>}
        </span>
      </button>
      <CopyButton text={joinUrl.url} />
    </li>
  );
}

function CopyButton({ text }: { text: string }) {
  const { t, notify } = useHost();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // No clipboard permission (or not a secure context): the address is selectable text, say so.
      notify(t('join.copyFailed'), 'error');
    }
  };
  return (
    <button
      type="button"
      className="button icon-button"
      aria-label={t('join.copyUrl', { url: text })}
      title={t('join.copy')}
      onClick={() => void copy()}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      <span className="sr-only" aria-live="polite">
        {copied ? t('join.copied') : ''}
      </span>
    </button>
  );
}

function Fullscreen({ joinUrl, settings, onClose }: { joinUrl: JoinUrl; settings: RoomSettings; onClose: () => void }) {
  const { t } = useHost();
  return (
    <Modal label={t('join.fullscreen')} onClose={onClose} className="fullscreen">
      <div className="fullscreen-body">
        <p className="fullscreen-room">{settings.roomName}</p>
        <QrCode text={joinUrl.url} label={t('join.qr', { url: joinUrl.url })} className="qr-big" />
        <p className="fullscreen-url">{joinUrl.url}</p>
        {settings.pin && <p className="fullscreen-pin">{t('join.pin', { pin: settings.pin })}</p>}
        <p className="muted">{t('join.fullscreenHint')}</p>
        <button type="button" className="button" autoFocus onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </Modal>
  );
}
