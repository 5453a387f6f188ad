// The join card's optional first step for visitors not yet on the network: the host types the Wi-Fi's
// name and password once (the app keeps them encrypted), and the card shows a standard `WIFI:` QR code
// before the room's, so a visitor joins with two scans.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { wifiProblem, wifiQrText, WIFI_SECURITIES, type WifiNetwork, type WifiSecurity } from '../../../common/wifi.js';
import type { WifiState } from '../../../electron/ipc-contract.js';
import { errorMessage, useHost } from '../context.js';
import { Field } from './Field.js';
import { Modal } from './Modal.js';
import { QrCode } from './QrCode.js';

/** The stored Wi-Fi step (null while it loads) and a way to change it. */
export function useWifi(): { wifi: WifiState | null; save: (network: WifiNetwork | null) => Promise<boolean> } {
  const { api, t, notify } = useHost();
  const [wifi, setWifi] = useState<WifiState | null>(null);
  useEffect(() => {
    let live = true;
    api.getWifi().then(
      (state) => live && setWifi(state),
      (error: unknown) => notify(t('wifi.saveFailed', { message: errorMessage(error) }), 'error'),
    );
    return () => {
      live = false;
    };
  }, [api, t, notify]);
  const save = useCallback(
    async (network: WifiNetwork | null) => {
      try {
        setWifi(await api.setWifi(network));
        return true;
      } catch (error) {
        notify(t('wifi.saveFailed', { message: errorMessage(error) }), 'error');
        return false;
      }
    },
    [api, t, notify],
  );
  return { wifi, save };
}

/** One step of a two-step join: its heading, its QR code and what it is for. */
export function JoinStep({
  title,
  qrText,
  qrLabel,
  caption,
  big = false,
}: {
  title: string;
  qrText: string;
  qrLabel: string;
  caption?: string;
  big?: boolean;
}) {
  return (
    <figure className="join-step">
      <figcaption className="join-step-title">{title}</figcaption>
      <QrCode text={qrText} label={qrLabel} className={big ? 'qr-big' : ''} />
      {caption && <span className="join-step-caption">{caption}</span>}
    </figure>
  );
}

/** The Wi-Fi step's QR code. */
export function WifiJoinStep({ network, big }: { network: WifiNetwork; big?: boolean }) {
  const { t } = useHost();
  return (
    <JoinStep
      title={t('wifi.step1')}
      qrText={wifiQrText(network)}
      qrLabel={t('wifi.qr', { ssid: network.ssid })}
      caption={t('wifi.network', { ssid: network.ssid })}
      big={big}
    />
  );
}

/** Add, change or remove the Wi-Fi step. */
export function WifiControls({ wifi, save }: ReturnType<typeof useWifi>) {
  const { t } = useHost();
  const [editing, setEditing] = useState(false);
  if (wifi === null) return null;
  return (
    <div className="wifi-controls">
      {wifi.network === null && <p className="hint">{t('wifi.addHint')}</p>}
      <div className="button-row">
        <button type="button" className="button" onClick={() => setEditing(true)}>
          {t(wifi.network === null ? 'wifi.add' : 'wifi.edit')}
        </button>
        {wifi.network !== null && (
          <button type="button" className="button danger-ghost" onClick={() => void save(null)}>
            {t('wifi.remove')}
          </button>
        )}
      </div>
      {editing && <WifiForm wifi={wifi} save={save} onClose={() => setEditing(false)} />}
    </div>
  );
}

function WifiForm({ wifi, save, onClose }: { wifi: WifiState; save: (network: WifiNetwork) => Promise<boolean>; onClose: () => void }) {
  const { t } = useHost();
  const id = useId();
  const [draft, setDraft] = useState<WifiNetwork>(wifi.network ?? { ssid: '', password: '', security: 'WPA', hidden: false });
  const network = draft.security === 'nopass' ? { ...draft, password: '' } : draft;
  // Checked as the host types; the first keystrokes of a name are not yet a mistake worth a red line.
  const problem = wifiProblem(network);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof WifiNetwork>(key: K, value: WifiNetwork[K]) => setDraft((old) => ({ ...old, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem === null && (await save(network))) onClose();
  };
  return (
    <Modal label={t('wifi.formTitle')} onClose={onClose}>
      <form className="modal-body wifi-form" onSubmit={(event) => void submit(event)} noValidate>
        <h2>{t('wifi.formTitle')}</h2>
        <Field id={`${id}-ssid`} label={t('wifi.ssid')}>
          <input id={`${id}-ssid`} value={draft.ssid} autoComplete="off" autoFocus onChange={(e) => set('ssid', e.target.value)} />
        </Field>
        <Field id={`${id}-security`} label={t('wifi.security')}>
          <select id={`${id}-security`} value={draft.security} onChange={(e) => set('security', e.target.value as WifiSecurity)}>
            {WIFI_SECURITIES.map((security) => (
              <option key={security} value={security}>
                {t(`wifi.security.${security}`)}
              </option>
            ))}
          </select>
        </Field>
        {draft.security !== 'nopass' && (
          <Field id={`${id}-password`} label={t('wifi.password')}>
            <input
              id={`${id}-password`}
              value={draft.password}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={tried && problem?.startsWith('password') ? true : undefined}
              onChange={(e) => set('password', e.target.value)}
            />
          </Field>
        )}
        <label className="check">
          <input type="checkbox" checked={draft.hidden} onChange={(e) => set('hidden', e.target.checked)} />
          {t('wifi.hidden')}
        </label>
        <p className="hint">{t(wifi.persisted ? 'wifi.stored' : 'wifi.notStored')}</p>
        {tried && problem !== null && (
          <p className="form-problem" role="alert">
            {t(`wifi.invalid.${problem}`)}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="button primary">
            {t('wifi.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
