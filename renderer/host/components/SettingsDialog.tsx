// Everything the host can change: the room (name, host name, port, PIN, saving history), appearance
// (language, theme), this computer (keep running in the tray, start at login) and the stored history
// (export, clear). Changes apply on Save; the room checks them.
import { useId, useState, type FormEvent } from 'react';
import type { HistoryFormat } from '../../../common/host-view.js';
import type { SettingsUpdate } from '../../../electron/ipc-contract.js';
import type { RoomSettings } from '../../../common/host-view.js';
import { errorMessage, useHost } from '../context.js';
import { Field } from './Field.js';
import { CloseIcon } from './host-icons.js';
import { ConfirmDialog, Modal } from './Modal.js';
import { suggestPin } from '../pin-suggestion.js';

const EXPORT_FORMATS: readonly HistoryFormat[] = ['txt', 'json', 'md'];
const PIN_PATTERN = /^\S{4,12}$/;

export function SettingsDialog({ settings, onClose }: { settings: RoomSettings; onClose: () => void }) {
  const { api, t, notify } = useHost();
  const id = useId();
  const [draft, setDraft] = useState({
    ...settings,
    port: String(settings.port),
    pinEnabled: settings.pin !== null,
    pin: settings.pin ?? '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const port = Number(draft.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return setProblem(t('settings.invalidPort'));
    if (draft.pinEnabled && !PIN_PATTERN.test(draft.pin)) return setProblem(t('settings.invalidPin'));
    const wanted: RoomSettings = {
      port,
      roomName: draft.roomName.trim() || settings.roomName,
      hostName: draft.hostName.trim() || settings.hostName,
      pin: draft.pinEnabled ? draft.pin : null,
      saveHistory: draft.saveHistory,
      language: draft.language,
      theme: draft.theme,
      keepRunningInTray: draft.keepRunningInTray,
      openAtLogin: draft.openAtLogin,
    };
    // Only what changed goes to the room: a port it would have to restart for is sent only when new.
    const update: SettingsUpdate = {};
    for (const key of Object.keys(wanted) as (keyof RoomSettings)[]) {
      if (wanted[key] !== settings[key]) Object.assign(update, { [key]: wanted[key] });
    }
    try {
      if (Object.keys(update).length > 0) await api.updateSettings(update);
      notify(t('settings.saved'));
      onClose();
    } catch (e) {
      setProblem(t('settings.saveFailed', { message: errorMessage(e) }));
    }
  };

  const exportAs = async (format: HistoryFormat) => {
    try {
      const result = await api.exportHistory(format);
      if (result.saved) notify(t('settings.exported', { path: result.path }));
      else if (result.reason === 'error') notify(t('settings.exportFailed', { message: result.message ?? '' }), 'error');
    } catch (e) {
      notify(t('settings.exportFailed', { message: errorMessage(e) }), 'error');
    }
  };

  return (
    <Modal label={t('settings.title')} onClose={onClose} className="drawer">
      <form className="settings" onSubmit={(event) => void save(event)}>
        <header className="drawer-head">
          <h2>{t('settings.title')}</h2>
          <button type="button" className="button icon-button" aria-label={t('close')} onClick={onClose}>
            <CloseIcon />
          </button>
        </header>
        <div className="drawer-body">
          <fieldset>
            <legend>{t('settings.room')}</legend>
            <Field id={`${id}-room`} label={t('settings.roomName')}>
              <input id={`${id}-room`} value={draft.roomName} maxLength={60} onChange={(e) => set('roomName', e.target.value)} />
            </Field>
            <Field id={`${id}-host`} label={t('settings.hostName')}>
              <input id={`${id}-host`} value={draft.hostName} maxLength={40} onChange={(e) => set('hostName', e.target.value)} />
            </Field>
            <Field id={`${id}-port`} label={t('settings.port')} hint={t('settings.portHint')}>
              <input id={`${id}-port`} inputMode="numeric" value={draft.port} onChange={(e) => set('port', e.target.value)} />
            </Field>
            <label className="check">
              <input
                type="checkbox"
                checked={draft.pinEnabled}
                onChange={(e) => {
                  set('pinEnabled', e.target.checked);
                  // A PIN of letters and digits holds out against guessing far longer than four digits.
                  if (e.target.checked && draft.pin === '') set('pin', suggestPin());
                }}
              />
              {t('settings.pinEnabled')}
            </label>
            {draft.pinEnabled && (
              <Field id={`${id}-pin`} label={t('settings.pin')} hint={t('settings.pinHint')}>
                <input id={`${id}-pin`} value={draft.pin} maxLength={12} autoComplete="off" onChange={(e) => set('pin', e.target.value)} />
              </Field>
            )}
            <label className="check">
              <input type="checkbox" checked={draft.saveHistory} onChange={(e) => set('saveHistory', e.target.checked)} />
              {t('settings.saveHistory')}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('settings.appearance')}</legend>
            <Field id={`${id}-lang`} label={t('settings.language')}>
              <select
                id={`${id}-lang`}
                value={draft.language}
                onChange={(e) => set('language', e.target.value as RoomSettings['language'])}
              >
                <option value="system">{t('settings.language.system')}</option>
                <option value="zh-CN" lang="zh-CN">
                  中文
                </option>
                <option value="en" lang="en">
                  English
                </option>
              </select>
            </Field>
            <Field id={`${id}-theme`} label={t('settings.theme')}>
              <select id={`${id}-theme`} value={draft.theme} onChange={(e) => set('theme', e.target.value as RoomSettings['theme'])}>
                <option value="system">{t('settings.theme.system')}</option>
                <option value="light">{t('settings.theme.light')}</option>
                <option value="dark">{t('settings.theme.dark')}</option>
              </select>
            </Field>
          </fieldset>
          <fieldset>
            <legend>{t('settings.computer')}</legend>
            <label className="check">
              <input type="checkbox" checked={draft.keepRunningInTray} onChange={(e) => set('keepRunningInTray', e.target.checked)} />
              {t('settings.keepRunningInTray')}
            </label>
            <label className="check">
              <input type="checkbox" checked={draft.openAtLogin} onChange={(e) => set('openAtLogin', e.target.checked)} />
              {t('settings.openAtLogin')}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('settings.history')}</legend>
            <div className="button-row">
              {EXPORT_FORMATS.map((format) => (
                <button key={format} type="button" className="button" onClick={() => void exportAs(format)}>
                  {t('settings.export', { format: format.toUpperCase() })}
                </button>
              ))}
            </div>
            <button type="button" className="button danger-ghost" onClick={() => setConfirmClear(true)}>
              {t('settings.clear')}
            </button>
          </fieldset>
        </div>
        <footer className="drawer-foot">
          {problem && (
            <p className="form-problem" role="alert">
              {problem}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="button primary">
            {t('settings.save')}
          </button>
        </footer>
      </form>
      {confirmClear && (
        <ConfirmDialog
          title={t('settings.clearTitle')}
          body={t('settings.clearBody')}
          confirmLabel={t('settings.clearConfirm')}
          cancelLabel={t('cancel')}
          onConfirm={() => {
            api.clearHistory().catch((e: unknown) => notify(errorMessage(e), 'error'));
          }}
          onClose={() => setConfirmClear(false)}
        />
      )}
    </Modal>
  );
}
