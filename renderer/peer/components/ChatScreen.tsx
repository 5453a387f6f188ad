// The room: header with connection state, the message log, who is typing, the composer and People.
import { useState } from 'react';
import { Composer } from './Composer.js';
import { HeaderMenu } from './HeaderMenu.js';
import { HeldMessages } from './HeldMessages.js';
import { useText } from '../peer-i18n.js';
import { BellIcon } from './peer-icons.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { MessageList } from './MessageList.js';
import { PeopleList } from './PeopleList.js';
import { RoomFlags } from './RoomFlags.js';
import type { ClientSnapshot, ConnectionStatus, RoomClient } from '../room-client.js';
import type { UploadManager } from '../upload-manager.js';
import { UploadTray } from './Attachments.js';
import { unlockSound } from '../sound.js';
import { rememberSound, soundEnabled } from '../storage.js';
import { TypingLine } from './TypingLine.js';

interface Props {
  client: RoomClient;
  uploads: UploadManager;
  snapshot: ClientSnapshot;
  /** As the page shows it (the tab's title too). */
  roomName: string;
}

export function ChatScreen({ client, uploads, snapshot, roomName }: Props) {
  const t = useText();
  const { chat, status } = snapshot;
  const [sound, setSound] = useState(soundEnabled);
  const toggleSound = () => {
    if (!sound) unlockSound();
    rememberSound(!sound);
    setSound(!sound);
  };
  return (
    <div className="chat">
      <header className="topbar">
        <div className="room-title">
          <h1>{roomName}</h1>
          <ConnectionState status={status} lost={snapshot.lost} onRetry={() => client.retryNow()} />
          <RoomFlags locked={chat.locked} slowModeSeconds={chat.slowModeSeconds} />
        </div>
        <LanguageSwitch />
        <button type="button" className="icon-button" aria-pressed={sound} aria-label={t('sound')} title={t('sound')} onClick={toggleSound}>
          <BellIcon on={sound} />
        </button>
        <HeaderMenu client={client} name={chat.me?.name ?? ''} maxNameLength={chat.maxNameLength} />
      </header>
      <PeopleList participants={chat.participants} me={chat.me} />
      <main className="conversation">
        <MessageList chat={chat} online={status.phase === 'online'} client={client} />
        <TypingLine typing={chat.typing} />
        {snapshot.held && <HeldMessages client={client} count={chat.pending.length} />}
        <UploadTray uploads={uploads} maxFileBytes={chat.maxFileBytes} />
        <Composer
          client={client}
          uploads={uploads}
          maxBytes={chat.maxMessageBytes}
          notice={snapshot.notice}
          restore={snapshot.restore}
          muted={chat.muted}
          slowModeSeconds={chat.slowModeSeconds}
          slowUntil={snapshot.slowUntil}
        />
      </main>
    </div>
  );
}

/** "Connected" only while the connection is known to work; once it is lost, "Offline – reconnecting…" until it is back. */
function ConnectionState({ status, lost, onRetry }: { status: ConnectionStatus; lost: boolean; onRetry: () => void }) {
  const t = useText();
  const label = status.phase === 'online' ? t('online') : lost || status.phase === 'waiting' ? t('reconnecting') : t('connecting');
  return (
    <p className={`connection connection-${lost && status.phase === 'connecting' ? 'waiting' : status.phase}`}>
      <span className="dot" aria-hidden="true" />
      <span role="status">{label}</span>
      {status.phase === 'waiting' && (
        <button type="button" className="link-button" onClick={onRetry}>
          {t('retryNow')}
        </button>
      )}
    </p>
  );
}
