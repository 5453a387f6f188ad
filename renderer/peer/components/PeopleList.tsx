// Who is in the room: the host first, then you, then everyone else in order of arrival; people whose
// connection is lost are marked away. A sidebar on wide screens, a scrolling strip on phones. Long
// names are cut with an ellipsis; the whole name shows on hover, and on a long press on phones.
import { memo, useEffect, useId, useState } from 'react';
import type { Participant } from '../../../common/model.js';
import { Avatar } from '../../shared/Avatar.js';
import { Name } from '../../shared/Name.js';
import { displayName } from '../../shared/shared-strings.js';
import { isHost } from '../chat-state.js';
import { useLongPress } from '../long-press.js';
import { useText } from '../peer-i18n.js';
import { PeopleIcon } from './peer-icons.js';

/** A name shown in full after a long press goes back to its short form after this long. */
const FULL_NAME_MS = 5_000;

// Memoised: a chat batch leaves `participants` and `me` as they were, so floods don't re-render it.
export const PeopleList = memo(function PeopleList({ participants, me }: { participants: readonly Participant[]; me: Participant | null }) {
  const t = useText();
  const headingId = useId();
  const [fullName, setFullName] = useState<string | null>(null);
  useEffect(() => {
    if (fullName === null) return;
    const timer = setTimeout(() => setFullName(null), FULL_NAME_MS);
    const collapse = () => setFullName(null);
    document.addEventListener('pointerdown', collapse);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', collapse);
    };
  }, [fullName]);
  // You right after the host: on a phone's strip your own entry is always in view.
  const ordered = me === null ? participants : [...participants].sort((a, b) => rank(a, me) - rank(b, me));
  return (
    <aside className="people" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <PeopleIcon />
        <span className="people-title sr-only">{t('people')}</span> <span className="count">{participants.length}</span>
      </h2>
      {/* A scrolling list (a strip on phones, a column on desktops): focusable so keys scroll it. */}
      <ul aria-label={t('people')} tabIndex={0}>
        {ordered.map((p) => (
          <Person key={p.id} participant={p} you={p.id === me?.id} full={fullName === p.id} onLongPress={() => setFullName(p.id)} />
        ))}
      </ul>
    </aside>
  );
});

/** Host 0, you 1, everyone else 2 (a stable sort keeps arrival order among them). */
function rank(p: Participant, me: Participant): number {
  return isHost(p) ? 0 : p.id === me.id ? 1 : 2;
}

function Person({
  participant,
  you,
  full,
  onLongPress,
}: {
  participant: Participant;
  you: boolean;
  full: boolean;
  onLongPress: () => void;
}) {
  const t = useText();
  const press = useLongPress(onLongPress);
  const name = displayName(participant, t);
  const classes = ['person', isHost(participant) ? 'is-host' : '', participant.away ? 'is-away' : '', full ? 'full-name' : ''];
  return (
    <li className={classes.filter(Boolean).join(' ')} title={name} {...press}>
      <Avatar name={name} size="small" />
      <span className="person-name">
        <Name name={name} />
      </span>
      {isHost(participant) && <span className="badge badge-host">{t('host')}</span>}
      {you && <span className="badge badge-you">{t('you')}</span>}
      {participant.away && <span className="badge badge-away">{t('away')}</span>}
    </li>
  );
}
