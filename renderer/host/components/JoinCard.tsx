// How people get in: every address the room can be reached at, the likely one first, each with its QR
// code and a copy button; plus a full-screen view to put on a projector or hold up to a phone.
import { useState } from 'react';
import type { JoinUrl, RoomSettings } from '../../../common/host-view.js';
import { useHost } from '../context.js';
import { joinAddressParts } from '../join-address.js';
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
      {/* Named by what it shows (the address and its tags), so speech input can say what it sees. */}
      <button type="button" className="url-select" aria-pressed={selected} onClick={onSelect}>
        <UrlText url={joinUrl.url} />
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

/** The URL with its query kept whole: a line breaks before the `?`, never after it. */
function UrlText({ url }: { url: string }) {
  const { address, query } = joinAddressParts(url);
  return (
    <span className="url-text">
      <span className="url-address">{address}</span>
      {query && <span className="url-query">{query}</span>}
    </span>
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
        {/* The address to type; the QR code carries the PIN, and the line below says it. */}
        <p className="fullscreen-url">{joinAddressParts(joinUrl.url).address}</p>
        {settings.pin && <p className="fullscreen-pin">{t('join.pin', { pin: settings.pin })}</p>}
        <p className="muted">{t('join.fullscreenHint')}</p>
        <button type="button" className="button" autoFocus onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </Modal>
  );
}
