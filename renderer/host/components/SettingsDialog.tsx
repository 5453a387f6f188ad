// Everything the host can change: the room (name, host name, port, PIN, saving history), appearance
// (language, theme), this computer (keep running in the tray, start at login) and the stored history
// (export, clear). Each field is checked as the host types, by the same rules the room applies
// (common/settings.ts), and says what is wrong in the window's language. Changes apply on Save. A new
// PIN ends the sessions that lack it; with people in the room the host also chooses whether those here
// now without it stay or go.
import { useId, useRef, useState, type FormEvent } from 'react';
import { HISTORY_FORMATS, type HistoryFormat, type RoomSettings } from '../../../common/host-view.js';
import { DEFAULT_LIMITS } from '../../../common/limits.js';
import { MAX_ROOM_NAME_LENGTH, SettingsError, validateSetting, type SettingsProblem } from '../../../common/settings.js';
import type { SettingsUpdate } from '../../../electron/ipc-contract.js';
import { displayName, displayRoomName } from '../../shared/shared-strings.js';
import { errorMessage, useHost } from '../context.js';
import { Field } from './Field.js';
import { FileLimitsFields, fileLimitsDraft, parseFileLimits } from './FileLimitsFields.js';
import { CloseIcon } from './host-icons.js';
import { ConfirmDialog, Modal } from './Modal.js';
import { suggestPin } from '../pin-suggestion.js';

/** The fields a person types in, in the order the form shows them. */
const TYPED = ['roomName', 'hostName', 'port', 'pin'] as const;
type Typed = (typeof TYPED)[number];

/** What the room would say about `value` for `key`, or null when it takes it. */
function problemWith(key: keyof RoomSettings, value: unknown): SettingsProblem | null {
  try {
    validateSetting(key, value);
    return null;
  } catch (error) {
    return error instanceof SettingsError ? error.code : 'choice';
  }
}

export function SettingsDialog({ settings, peopleHere, onClose }: { settings: RoomSettings; peopleHere: number; onClose: () => void }) {
  const { api, t, notify, fail } = useHost();
  const id = useId();
  // The default names are shown as the window's language says them; left like that, they stay the defaults.
  const shownRoomName = displayRoomName(settings.roomName, t);
  const shownHostName = displayName({ id: '', name: settings.hostName, kind: 'host' }, t);
  const [draft, setDraft] = useState({
    ...settings,
    roomName: shownRoomName,
    hostName: shownHostName,
    port: String(settings.port),
    pinEnabled: settings.pin !== null,
    pin: settings.pin ?? '',
    files: fileLimitsDraft(settings),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [removeWithoutPin, setRemoveWithoutPin] = useState(false);
  const newPin = draft.pinEnabled && draft.pin !== settings.pin;
  const [confirmClear, setConfirmClear] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const problems: Record<Typed, SettingsProblem | null> = {
    roomName: problemWith('roomName', draft.roomName),
    hostName: problemWith('hostName', draft.hostName),
    port: problemWith('port', draft.port.trim() === '' ? NaN : Number(draft.port)),
    // An empty PIN means "no PIN" to the room; with "require a PIN" ticked it is a missing one.
    pin: draft.pinEnabled ? problemWith('pin', draft.pin === '' ? 0 : draft.pin) : null,
  };
  /** The input's side of a checked field: its id, whether it is wrong, and its note. */
  const inputProps = (key: Typed) => ({
    id: `${id}-${key}`,
    'aria-invalid': problems[key] !== null,
    'aria-describedby': `${id}-${key}-note`,
  });
  const errorOf = (key: Typed) => (problems[key] === null ? null : t(`settings.problem.${problems[key]}`));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = TYPED.find((key) => problems[key] !== null);
    if (invalid !== undefined) {
      form.current?.querySelector<HTMLElement>(`#${CSS.escape(`${id}-${invalid}`)}`)?.focus();
      return;
    }
    const fileLimits = parseFileLimits(draft.files);
    if (fileLimits === null) return setProblem(t('settings.invalidFileLimits'));
    const wanted: RoomSettings = {
      ...fileLimits,
      port: Number(draft.port),
      roomName: draft.roomName === shownRoomName ? settings.roomName : draft.roomName,
      hostName: draft.hostName === shownHostName ? settings.hostName : draft.hostName,
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
      if (update.pin !== undefined) await api.setPin(update.pin, removeWithoutPin);
      delete update.pin;
      if (Object.keys(update).length > 0) await api.updateSettings(update);
      // Said in the language the window has once this save is applied.
      notify((t) => t('settings.saved'));
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
      <form ref={form} className="settings" onSubmit={(event) => void save(event)} noValidate>
        <header className="drawer-head">
          <h2>{t('settings.title')}</h2>
          <button type="button" className="button icon-button" aria-label={t('close')} onClick={onClose}>
            <CloseIcon />
          </button>
        </header>
        <div className="drawer-body">
          <fieldset>
            <legend>{t('settings.room')}</legend>
            <Field
              id={`${id}-roomName`}
              label={t('settings.roomName')}
              hint={t('settings.nameHint', { max: MAX_ROOM_NAME_LENGTH })}
              error={errorOf('roomName')}
            >
              <input
                {...inputProps('roomName')}
                value={draft.roomName}
                maxLength={MAX_ROOM_NAME_LENGTH}
                onChange={(e) => set('roomName', e.target.value)}
              />
            </Field>
            <Field
              id={`${id}-hostName`}
              label={t('settings.hostName')}
              hint={t('settings.nameHint', { max: DEFAULT_LIMITS.maxNameLength })}
              error={errorOf('hostName')}
            >
              <input
                {...inputProps('hostName')}
                value={draft.hostName}
                maxLength={DEFAULT_LIMITS.maxNameLength}
                onChange={(e) => set('hostName', e.target.value)}
              />
            </Field>
            <Field id={`${id}-port`} label={t('settings.port')} hint={t('settings.portHint')} error={errorOf('port')}>
              <input {...inputProps('port')} inputMode="numeric" value={draft.port} onChange={(e) => set('port', e.target.value)} />
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
              <Field id={`${id}-pin`} label={t('settings.pin')} hint={t('settings.pinHint')} error={errorOf('pin')}>
                <input
                  {...inputProps('pin')}
                  value={draft.pin}
                  maxLength={32}
                  autoComplete="off"
                  onChange={(e) => set('pin', e.target.value)}
                />
              </Field>
            )}
            {newPin && peopleHere > 0 && (
              <fieldset className="choice">
                <legend>{t('settings.pinPeople')}</legend>
                <label className="check">
                  <input type="radio" name={`${id}-pin-people`} checked={!removeWithoutPin} onChange={() => setRemoveWithoutPin(false)} />
                  {t('settings.pinKeep')}
                </label>
                <label className="check">
                  <input type="radio" name={`${id}-pin-people`} checked={removeWithoutPin} onChange={() => setRemoveWithoutPin(true)} />
                  {t('settings.pinRemove')}
                </label>
              </fieldset>
            )}
            <label className="check">
              <input type="checkbox" checked={draft.saveHistory} onChange={(e) => set('saveHistory', e.target.checked)} />
              {t('settings.saveHistory')}
            </label>
          </fieldset>
          <FileLimitsFields id={id} draft={draft.files} onChange={(files) => set('files', files)} />
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
              {HISTORY_FORMATS.map((format) => (
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
            api.clearHistory().catch(fail);
          }}
          onClose={() => setConfirmClear(false)}
        />
      )}
    </Modal>
  );
}
