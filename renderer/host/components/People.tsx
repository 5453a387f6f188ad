// Who is in the room: the host, then every connected client with its address, how it connects and
// since when, marked away while their connection is lost, and whether it is muted; each has a menu of
// what the host can do about them (PersonMenu.tsx). The count is the room's number of people (the
// host included), as everywhere.
import type { ClientInfo, RoomSettings } from '../../../common/host-view.js';
import { Avatar } from '../../shared/Avatar.js';
import { peopleCount } from '../../../common/people.js';
import { Name } from '../../shared/Name.js';
import { displayName } from '../../shared/shared-strings.js';
import { formatDateTime, formatTime } from '../../shared/text.js';
import { useHost } from '../context.js';
import { PersonMenu } from './PersonMenu.js';

export function People({ clients, settings }: { clients: ClientInfo[]; settings: RoomSettings }) {
  const { t } = useHost();
  const hostName = displayName({ id: '', name: settings.hostName, kind: 'host' }, t);

  return (
    <section className="card people" aria-labelledby="people-title">
      <h2 id="people-title" className="card-title">
        {t('people.title')}
        <span className="count" aria-hidden="true">
          {peopleCount(clients.length)}
        </span>
      </h2>
      <ul className="people-list" aria-label={t('people.title')}>
        <li className="person">
          <Avatar name={hostName} />
          <div className="person-text">
            <span className="person-line">
              <span className="person-name" title={hostName}>
                <Name name={hostName} />
              </span>
              <span className="badge badge-host">{t('host')}</span>
            </span>
            <span className="person-meta">{t('you')}</span>
          </div>
        </li>
        {clients.map((client) => (
          <Person key={client.id} client={client} />
        ))}
      </ul>
      {clients.length === 0 && <p className="empty">{t('people.empty')}</p>}
    </section>
  );
}

function Person({ client }: { client: ClientInfo }) {
  const { t, language } = useHost();
  const kind = client.kind === 'raw' ? t('people.kind.raw') : t('people.kind.rich');
  const name = displayName(client, t);
  return (
    <li className={client.away ? 'person is-away' : 'person'}>
      <Avatar name={name} />
      <div className="person-text">
        <span className="person-line">
          <span className="person-name" title={name}>
            <Name name={name} />
          </span>
          {client.away && <span className="tag tag-warn">{t('away')}</span>}
        </span>
        <span className="person-meta">
          <span className={`tag ${client.kind === 'raw' ? 'tag-warn' : ''}`} title={client.protocol}>
            {kind}
          </span>
          {client.muted && <span className="tag tag-warn">{t('people.muted')}</span>}
          <span className="address">{client.address}</span>
          {/* Just the time on screen (the row is narrow); the words are in the tooltip and for screen readers. */}
          <time
            dateTime={new Date(client.connectedAt).toISOString()}
            title={t('people.since', { time: formatDateTime(client.connectedAt, language) })}
          >
            <span className="sr-only">{t('people.since', { time: formatTime(client.connectedAt, language) })}</span>
            <span aria-hidden="true">{formatTime(client.connectedAt, language)}</span>
          </time>
        </span>
      </div>
      <PersonMenu client={client} name={name} />
    </li>
  );
}
