// The header's "⋯" menu: change your name, leave the room. A disclosure (button + panel of ordinary
// buttons), not an ARIA menu: it closes on Escape, on a click outside and after each action.
import { useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { sanitizeName } from '../../../common/sanitize.js';
import { useText } from '../peer-i18n.js';
import { MoreIcon } from './peer-icons.js';
import type { RoomClient } from '../room-client.js';
import { rememberName } from '../storage.js';

export function HeaderMenu({ client, name }: { client: RoomClient; name: string }) {
  const t = useText();
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const inputId = useId();

  const close = () => {
    setOpen(false);
    setRenaming(false);
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
    setRenaming(true);
  };

  const saveName = (event: FormEvent) => {
    event.preventDefault();
    const clean = sanitizeName(draft);
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
          {renaming ? (
            <form className="rename" onSubmit={saveName}>
              <label htmlFor={inputId}>{t('newName')}</label>
              <input
                id={inputId}
                type="text"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                maxLength={80}
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
          ) : (
            <>
              <button type="button" className="menu-item" onClick={startRename}>
                {t('rename')}
              </button>
              <button type="button" className="menu-item menu-danger" onClick={() => client.leave()}>
                {t('leave')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
