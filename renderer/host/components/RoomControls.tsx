// The host's rules for the room, in one card: the lock, the waiting room with who is waiting (let in,
// turn away, everyone at once), slow mode, and the bans and mutes in force with a way to lift each.
// Everything is a native control (switches are checkboxes with role="switch"), so it is all reachable
// and operable by keyboard.
import { useEffect, useId, useState } from 'react';
import type { ModerationState, Restriction, WaitingGuest } from '../../../common/host-view.js';
import { formatDuration } from '../../shared/duration.js';
import { formatTime } from '../../shared/text.js';
import { useHost } from '../context.js';

/** The slow-mode choices, in seconds (0: off). */
const SLOW_MODES = [0, 5, 10, 30, 60, 300];

export function RoomControls({ moderation }: { moderation: ModerationState }) {
  const { api, t, fail, language } = useHost();
  const id = useId();
  const { waiting, bans, mutes } = moderation;
  const [locked, setLocked] = useRequested(moderation.locked, (on) => api.setLocked(on), fail);
  const [waitingRoom, setWaitingRoom] = useRequested(moderation.waitingRoom, (on) => api.setWaitingRoom(on), fail);
  const [slowModeSeconds, setSlowMode] = useRequested(moderation.slowModeSeconds, (seconds) => api.setSlowMode(seconds), fail);
  const slowModes = SLOW_MODES.includes(slowModeSeconds) ? SLOW_MODES : [...SLOW_MODES, slowModeSeconds].sort((a, b) => a - b);

  return (
    <section className="card controls" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('controls.title')}
      </h2>
      <Switch label={t('controls.lock')} hint={t('controls.lockHint')} checked={locked} onChange={setLocked} />
      <Switch label={t('controls.waitingRoom')} hint={t('controls.waitingHint')} checked={waitingRoom} onChange={setWaitingRoom} />
      {(waitingRoom || waiting.length > 0) && <WaitingList waiting={waiting} />}
      <div className="field slow-mode">
        <label htmlFor={`${id}-slow`}>{t('controls.slowMode')}</label>
        <select id={`${id}-slow`} value={slowModeSeconds} onChange={(e) => setSlowMode(Number(e.target.value))}>
          {slowModes.map((seconds) => (
            <option key={seconds} value={seconds}>
              {seconds === 0 ? t('controls.slowOff') : t('controls.slowEvery', { time: formatDuration(seconds * 1000, language) })}
            </option>
          ))}
        </select>
      </div>
      {bans.length + mutes.length > 0 && (
        <div className="restrictions">
          <h3 id={`${id}-restrictions`}>{t('controls.restrictions')}</h3>
          <ul aria-labelledby={`${id}-restrictions`}>
            {bans.map((ban) => (
              <RestrictionItem key={ban.id} restriction={ban} kind="ban" onLift={() => api.unban(ban.id).catch(fail)} />
            ))}
            {mutes.map((mute) => (
              <RestrictionItem key={mute.id} restriction={mute} kind="mute" onLift={() => api.unmute(mute.id).catch(fail)} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/**
 * A control showing the room's `actual` value, or the one the host just asked for until the room's
 * next word on it (the room confirms through its state event, a moment after the call returns), so a
 * switch does not flick back in between. A refused or no-op request shows the room's value again.
 */
function useRequested<T>(actual: T, request: (value: T) => Promise<unknown>, fail: (e: unknown) => void): [T, (value: T) => void] {
  const [asked, setAsked] = useState<{ value: T } | null>(null);
  useEffect(() => setAsked(null), [actual]);
  const change = (value: T) => {
    setAsked({ value });
    request(value).then(
      (changed) => {
        if (changed === false) setAsked(null);
      },
      (e: unknown) => {
        setAsked(null);
        fail(e);
      },
    );
  };
  return [asked === null ? actual : asked.value, change];
}

function Switch({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (on: boolean) => void }) {
  const hintId = useId();
  return (
    <div className="switch-row">
      <label className="switch">
        <input type="checkbox" role="switch" checked={checked} aria-describedby={hintId} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      <span id={hintId} className="hint">
        {hint}
      </span>
    </div>
  );
}

function WaitingList({ waiting }: { waiting: WaitingGuest[] }) {
  const { api, t, fail } = useHost();
  const id = useId();
  return (
    <div className="waiting">
      <div className="waiting-head">
        <h3 id={id}>{t('controls.waiting')}</h3>
        {waiting.length > 0 && (
          <button type="button" className="button" onClick={() => api.admitAll().catch(fail)}>
            {t('controls.admitAll')}
          </button>
        )}
      </div>
      {waiting.length === 0 ? (
        <p className="empty">{t('controls.waitingEmpty')}</p>
      ) : (
        <ul aria-labelledby={id}>
          {waiting.map((guest) => (
            <li key={guest.id} className="control-item">
              <span className="control-name">{guest.name}</span>
              <span className="address">{guest.address}</span>
              <button
                type="button"
                className="button primary"
                aria-label={t('controls.admit', { name: guest.name })}
                onClick={() => api.admit(guest.id).catch(fail)}
              >
                {t('controls.admitShort')}
              </button>
              <button
                type="button"
                className="button danger-ghost"
                aria-label={t('controls.turnAway', { name: guest.name })}
                onClick={() => api.turnAway(guest.id).catch(fail)}
              >
                {t('controls.turnAwayShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RestrictionItem({ restriction, kind, onLift }: { restriction: Restriction; kind: 'ban' | 'mute'; onLift: () => void }) {
  const { t, language } = useHost();
  const { name, address, until } = restriction;
  return (
    <li className="control-item">
      <span className="control-name">{name}</span>
      <span className={`tag ${kind === 'ban' ? 'tag-danger' : 'tag-warn'}`}>
        {kind === 'ban' ? t('controls.banned') : t('controls.mutedTag')}
      </span>
      <span className="address">
        {address} · {until === null ? t('controls.untilLifted') : t('controls.until', { time: formatTime(until, language) })}
      </span>
      <button
        type="button"
        className="button"
        aria-label={kind === 'ban' ? t('controls.liftBan', { name }) : t('controls.liftMute', { name })}
        onClick={onLift}
      >
        {t('controls.lift')}
      </button>
    </li>
  );
}
