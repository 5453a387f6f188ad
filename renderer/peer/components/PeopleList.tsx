// Who is in the room, the host first. A sidebar on wide screens, a scrolling strip on phones.
import { memo, useId } from 'react';
import type { Participant } from '../../../common/model.js';
import { Avatar } from '../../shared/Avatar.js';
import { Name } from '../../shared/Name.js';
import { isHost } from '../chat-state.js';
import { useText } from '../peer-i18n.js';

// Memoised: a chat batch leaves `participants` and `me` as they were, so floods don't re-render it.
export const PeopleList = memo(function PeopleList({ participants, me }: { participants: readonly Participant[]; me: Participant | null }) {
  const t = useText();
  const headingId = useId();
  return (
    <aside className="people" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('people')} <span className="count">{participants.length}</span>
      </h2>
      {/* A scrolling list (a strip on phones, a column on desktops): focusable so keys scroll it. */}
      <ul aria-label={t('people')} tabIndex={0}>
        {participants.map((p) => (
          <li key={p.id} className={isHost(p) ? 'person is-host' : 'person'}>
            <Avatar name={p.name} size="small" />
            <span className="person-name">
              <Name name={p.name} />
            </span>
            {isHost(p) && <span className="badge badge-host">{t('host')}</span>}
            {p.id === me?.id && <span className="badge badge-you">{t('you')}</span>}
          </li>
        ))}
      </ul>
    </aside>
  );
});
