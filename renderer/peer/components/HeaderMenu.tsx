// The header's "⋯" menu: change your name, leave the room (after saying that the others will see it).
// A disclosure (button + panel of ordinary buttons), not an ARIA menu: it closes on Escape, on a click
// outside and after each action.
import { memo, useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { sanitizeName } from '../../../common/sanitize.js';
import { useText } from '../peer-i18n.js';
import { MoreIcon } from './peer-icons.js';
import type { RoomClient } from '../room-client.js';
import { rememberName } from '../storage.js';

// Memoised: chat batches leave its props as they were, so a flood doesn't re-render it.
export const HeaderMenu = memo(function HeaderMenu({
  client,
  name,
  maxNameLength,
}: {
  client: RoomClient;
  name: string;
  maxNameLength: number;
}) {
  const t = useText();
  const [open, setOpen] = useState(false);
  /** What the open panel shows: the actions, the rename form, or the question before leaving. */
  const [step, setStep] = useState<'actions' | 'rename' | 'leave'>('actions');
  const [draft, setDraft] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const inputId = useId();
  const questionId = useId();

  const close = () => {
    setOpen(false);
    setStep('actions');
  };

  // A layout effect: listening from the moment the menu is drawn, not a frame later (Preact, which runs
  // this page, runs plain effects after the next paint), so an Escape pressed at once still closes it.
  useLayoutEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      close();
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const startRename = () => {
    setDraft(name);
    setStep('rename');
  };

  const saveName = (event: FormEvent) => {
    event.preventDefault();
    const clean = sanitizeName(draft, maxNameLength);
    if (clean && clean !== name && client.rename(clean)) rememberName(clean);
    close();
  };

  return (
    <div className="menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="icon-button"
        aria-label={t('menu')}
        title={t('menu')}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <MoreIcon />
      </button>
      {open && (
        <div className="menu-panel" id={panelId}>
          {step === 'rename' && (
            <form className="rename" onSubmit={saveName}>
              <label htmlFor={inputId}>{t('newName')}</label>
              <input
                id={inputId}
                type="text"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                maxLength={maxNameLength}
                autoComplete="nickname"
                autoFocus
              />
              <div className="rename-actions">
                <button type="button" className="menu-item" onClick={close}>
                  {t('cancel')}
                </button>
                <button type="submit" className="primary">
                  {t('save')}
                </button>
              </div>
            </form>
          )}
          {step === 'leave' && (
            <div className="leave-confirm" role="group" aria-labelledby={questionId}>
              <p id={questionId}>{t('leaveQuestion')}</p>
              <div className="rename-actions">
                <button type="button" className="menu-item" onClick={close} autoFocus>
                  {t('cancel')}
                </button>
                <button type="button" className="primary danger" onClick={() => client.leave()}>
                  {t('leave')}
                </button>
              </div>
            </div>
          )}
          {step === 'actions' && (
            <>
              <button type="button" className="menu-item" onClick={startRename}>
                {t('rename')}
              </button>
              <button type="button" className="menu-item menu-danger" onClick={() => setStep('leave')}>
                {t('leave')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
});
