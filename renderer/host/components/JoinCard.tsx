// How people get in: every address the room can be reached at, the likely one first, each with its QR
// code and a copy button; plus a full-screen view to put on a projector or hold up to a phone.
import { useState } from 'react';
import type { JoinUrl, RoomSettings } from '../../../common/host-view.js';
import { useHost } from '../context.js';
import { shownUrls, type ShownUrl } from '../join-urls.js';
import { CheckIcon, CopyIcon, ScreenIcon, WifiIcon } from './icons.js';
import { Modal } from './Modal.js';
import { QrCode } from './QrCode.js';

export function JoinCard({ urls, settings }: { urls: JoinUrl[]; settings: RoomSettings }) {
  const { t } = useHost();
  const shown = shownUrls(urls, settings.pin);
  const [selectedHref, setSelectedHref] = useState<string | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  // Keep the host's choice while it still exists (addresses come and go with the network).
  const selected = shown.find((url) => url.href === selectedHref) ?? shown[0];

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
            <QrCode text={selected.href} label={t('join.qr', { url: selected.href })} />
          </div>
          <ul className="url-list" aria-label={t('join.urls')}>
            {shown.map((url, index) => (
              <UrlRow key={url.href} url={url} likely={index === 0 && !url.virtual} selected={url === selected} onSelect={() => setSelectedHref(url.href)} />
            ))}
          </ul>
          {settings.pin && <p className="pin-line">{t('join.pin', { pin: settings.pin })}</p>}
          <button type="button" className="button primary wide" onClick={() => setFullscreen(true)}>
            <ScreenIcon />
            {t('join.show')}
          </button>
          {fullscreen && <Fullscreen url={selected} settings={settings} onClose={() => setFullscreen(false)} />}
        </>
      )}
    </section>
  );
}

function UrlRow({ url, likely, selected, onSelect }: { url: ShownUrl; likely: boolean; selected: boolean; onSelect: () => void }) {
  const { t } = useHost();
  return (
    <li className={`url-row ${selected ? 'selected' : ''}`}>
      <button type="button" className="url-select" aria-pressed={selected} aria-label={t('join.showQr', { url: url.href })} onClick={onSelect}>
        <span className="url-text">{url.href}</span>
        <span className="url-tags">
          <span className="tag">{url.interface}</span>
          {likely && <span className="tag tag-accent">{t('join.likely')}</span>}
          {url.virtual && <span className="tag tag-warn">{t('join.virtual')}</span>}
        </span>
      </button>
      <CopyButton text={url.href} />
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
    <button type="button" className="button icon-button" aria-label={t('join.copyUrl', { url: text })} title={t('join.copy')} onClick={() => void copy()}>
      {copied ? <CheckIcon /> : <CopyIcon />}
      <span className="sr-only" aria-live="polite">
        {copied ? t('join.copied') : ''}
      </span>
    </button>
  );
}

function Fullscreen({ url, settings, onClose }: { url: ShownUrl; settings: RoomSettings; onClose: () => void }) {
  const { t } = useHost();
  return (
    <Modal label={t('join.fullscreen')} onClose={onClose} className="fullscreen">
      <div className="fullscreen-body">
        <p className="fullscreen-room">{settings.roomName}</p>
        <QrCode text={url.href} label={t('join.qr', { url: url.href })} className="qr-big" />
        <p className="fullscreen-url">{url.href}</p>
        {settings.pin && <p className="fullscreen-pin">{t('join.pin', { pin: settings.pin })}</p>}
        <p className="muted">{t('join.fullscreenHint')}</p>
        <button type="button" className="button" autoFocus onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </Modal>
  );
}
