// The menu on each person in the People list: remove, ban (10 minutes, an hour, until lifted), mute or
// unmute. A native popover next to its button (Esc or a click elsewhere closes it; Tab walks through
// it, as it follows the button); what cannot be undone asks first.
import { useId, useRef, useState } from 'react';
import type { ClientInfo } from '../../../common/host-view.js';
import { formatDuration } from '../../shared/duration.js';
import { useHost } from '../context.js';
import { MoreIcon } from './host-icons.js';
import { ConfirmDialog } from './Modal.js';

/** What the menu is about to do once the host confirms. */
type Pending = { kind: 'kick' } | { kind: 'ban'; minutes: number | null };

/** `name` is the person's name as the window shows it (displayName). */
export function PersonMenu({ client, name }: { client: ClientInfo; name: string }) {
  const { api, t, fail, language } = useHost();
  const id = useId();
  const menu = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  /** Runs a menu item: the menu closes first, so focus goes back to its button. */
  const choose = (act: () => void) => () => {
    menu.current?.hidePopover();
    act();
  };

  const banBody = (minutes: number | null) =>
    minutes === null
      ? t('people.banBodyLifted', { name, address: client.address })
      : t('people.banBodyFor', { name, address: client.address, time: formatDuration(minutes * 60_000, language) });

  return (
    <>
      <button
        type="button"
        className="button icon-button ghost person-menu-button"
        aria-label={t('people.actions', { name })}
        title={t('people.actions', { name })}
        popoverTarget={`${id}-menu`}
      >
        <MoreIcon />
      </button>
      <div ref={menu} id={`${id}-menu`} popover="auto" className="person-menu" aria-label={t('people.actions', { name })}>
        <button type="button" onClick={choose(() => setPending({ kind: 'kick' }))}>
          {t('people.kickItem')}
        </button>
        <button type="button" onClick={choose(() => setPending({ kind: 'ban', minutes: 10 }))}>
          {t('people.ban10')}
        </button>
        <button type="button" onClick={choose(() => setPending({ kind: 'ban', minutes: 60 }))}>
          {t('people.ban60')}
        </button>
        <button type="button" onClick={choose(() => setPending({ kind: 'ban', minutes: null }))}>
          {t('people.banLifted')}
        </button>
        {client.muted ? (
          <button type="button" onClick={choose(() => api.unmute(client.muted!.id).catch(fail))}>
            {t('people.unmute')}
          </button>
        ) : (
          <button type="button" onClick={choose(() => api.mute(client.id, null).catch(fail))}>
            {t('people.mute')}
          </button>
        )}
      </div>
      {pending?.kind === 'kick' && (
        <ConfirmDialog
          title={t('people.kickTitle', { name })}
          body={t('people.kickBody', { name, address: client.address })}
          confirmLabel={t('people.kickConfirm')}
          cancelLabel={t('cancel')}
          onConfirm={() => api.kick(client.id).catch(fail)}
          onClose={() => setPending(null)}
        />
      )}
      {pending?.kind === 'ban' && (
        <ConfirmDialog
          title={t('people.banTitle', { name })}
          body={banBody(pending.minutes)}
          confirmLabel={t('people.banConfirm')}
          cancelLabel={t('cancel')}
          onConfirm={() => api.ban(client.id, pending.minutes).catch(fail)}
          onClose={() => setPending(null)}
        />
      )}
    </>
  );
}
