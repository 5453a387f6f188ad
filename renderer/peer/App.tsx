// Join screen until the room welcomes us, then the chat (a device resuming a remembered session shows
// the chat at once). Also keeps the tab title: the room's name and the unread count.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ChatScreen } from './components/ChatScreen.js';
import { JoinScreen } from './components/JoinScreen.js';
import { i18n } from './peer-i18n.js';
import type { RoomClient } from './room-client.js';
import type { UnreadCount } from './unread-count.js';

interface Props {
  client: RoomClient;
  unread: UnreadCount;
  /** A PIN carried by the join link (`?pin=`, from the host's QR code). */
  linkPin: string | undefined;
}

export function App({ client, unread, linkPin }: Props) {
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const unreadCount = useSyncExternalStore(unread.subscribe, unread.getSnapshot);
  const roomName = snapshot.chat.roomName || i18n.t('appName');
  useEffect(() => {
    document.title = unreadCount > 0 ? `(${unreadCount}) ${roomName}` : roomName;
  }, [unreadCount, roomName]);

  // The name the person asked for (the room may add a suffix to keep names unique).
  const [wantedName, setWantedName] = useState('');
  const { phase } = snapshot.status;
  const inRoom = snapshot.entered && phase !== 'pin' && phase !== 'stopped';
  return inRoom ? (
    <ChatScreen client={client} snapshot={snapshot} />
  ) : (
    <JoinScreen
      status={snapshot.status}
      initialName={wantedName}
      linkPin={linkPin}
      onJoin={(name, pin) => {
        setWantedName(name);
        client.join(name, pin);
      }}
    />
  );
}
