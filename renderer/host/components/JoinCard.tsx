// How people get in: every address the room can be reached at, the likely one first, each with its QR
// code and a copy button, marked once someone has joined through it; help when nobody arrives; an
// optional Wi-Fi step before the room's QR code; and a full-screen view to put on a projector or hold
// up to a phone.
import { useState } from 'react';
import type { JoinUrl, RoomSettings } from '../../../common/host-view.js';
import type { WifiNetwork } from '../../../common/wifi.js';
import { useHost } from '../context.js';
import { joinAddressParts } from '../join-address.js';
import { CheckIcon, CopyIcon, ScreenIcon, WifiIcon } from './host-icons.js';
import { JoinHelp } from './JoinHelp.js';
import { Modal } from './Modal.js';
import { QrCode } from './QrCode.js';
import { JoinStep, useWifi, WifiControls, WifiJoinStep } from './WifiStep.js';

interface JoinCardProps {
  /** As the room gives them: the likely one first, virtual adapters last, each carrying the PIN when one is set. */
  urls: JoinUrl[];
  settings: RoomSettings;
  /** People who joined through each address so far (`Snapshot.arrivals`). */
  arrivals: Record<string, number>;
  /** The host's OS, for the troubleshooting steps. */
  platform: string;
  port: number;
}

export function JoinCard({ urls, settings, arrivals, platform, port }: JoinCardProps) {
  const { t } = useHost();
  const [selectedUrl, setSelectedUrl] = useState<string | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const wifiStep = useWifi();
  const wifi = wifiStep.wifi?.network ?? null;
  // Keep the host's choice while it still exists (addresses come and go with the network).
  const selected = urls.find((joinUrl) => joinUrl.url === selectedUrl) ?? urls[0];
  const arrivedAt = (joinUrl: JoinUrl) => arrivals[joinUrl.address.toLowerCase()] ?? 0;

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
          <JoinQr joinUrl={selected} wifi={wifi} />
          <ul className="url-list" aria-label={t('join.urls')}>
            {urls.map((joinUrl, index) => (
              <UrlRow
                key={joinUrl.url}
                joinUrl={joinUrl}
                likely={index === 0 && !joinUrl.virtual}
                arrived={arrivedAt(joinUrl)}
                selected={joinUrl === selected}
                onSelect={() => setSelectedUrl(joinUrl.url)}
              />
            ))}
          </ul>
          {settings.pin && <p className="pin-line">{t('join.pin', { pin: settings.pin })}</p>}
          <JoinHelp arrived={urls.some((joinUrl) => arrivedAt(joinUrl) > 0)} platform={platform} port={port} />
          <WifiControls {...wifiStep} />
          <button type="button" className="button primary wide" onClick={() => setFullscreen(true)}>
            <ScreenIcon />
            {t('join.show')}
          </button>
          {fullscreen && <Fullscreen joinUrl={selected} settings={settings} wifi={wifi} onClose={() => setFullscreen(false)} />}
        </>
      )}
    </section>
  );
}

/** The room's QR code, after the Wi-Fi's when there is a Wi-Fi step. */
function JoinQr({ joinUrl, wifi, big = false }: { joinUrl: JoinUrl; wifi: WifiNetwork | null; big?: boolean }) {
  const { t } = useHost();
  const label = t('join.qr', { url: joinUrl.url });
  if (wifi === null) {
    const qr = <QrCode text={joinUrl.url} label={label} className={big ? 'qr-big' : ''} />;
    return big ? qr : <div className="join-qr">{qr}</div>;
  }
  return (
    <div className={`join-steps ${big ? 'join-steps-big' : ''}`}>
      <WifiJoinStep network={wifi} big={big} />
      <JoinStep title={t('wifi.step2')} qrText={joinUrl.url} qrLabel={label} big={big} />
    </div>
  );
}

interface UrlRowProps {
  joinUrl: JoinUrl;
  likely: boolean;
  /** People who joined through this address. */
  arrived: number;
  selected: boolean;
  onSelect: () => void;
}

function UrlRow({ joinUrl, likely, arrived, selected, onSelect }: UrlRowProps) {
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
          {arrived > 0 && (
            <span className="tag tag-ok">
              <CheckIcon />
              {t('reach.joined', { count: arrived })}
            </span>
          )}
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

function Fullscreen({
  joinUrl,
  settings,
  wifi,
  onClose,
}: {
  joinUrl: JoinUrl;
  settings: RoomSettings;
  wifi: WifiNetwork | null;
  onClose: () => void;
}) {
  const { t } = useHost();
  return (
    <Modal label={t('join.fullscreen')} onClose={onClose} className="fullscreen">
      <div className="fullscreen-body">
        <p className="fullscreen-room">{settings.roomName}</p>
        <JoinQr joinUrl={joinUrl} wifi={wifi} big />
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
