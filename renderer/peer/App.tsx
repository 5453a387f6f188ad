// Join screen until the room welcomes us (the waiting screen while the host has us wait), then the chat
// (a device resuming a remembered session shows the chat at once). Also keeps the tab title: the room's
// name and the unread count.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { displayRoomName } from '../shared/shared-strings.js';
import { ChatScreen } from './components/ChatScreen.js';
import { JoinScreen } from './components/JoinScreen.js';
import { WaitingScreen } from './components/WaitingScreen.js';
import { useText } from './peer-i18n.js';
import type { RoomClient } from './room-client.js';
import { useRoomPreview } from './room-preview.js';
import type { UnreadCount } from './unread-count.js';
import type { UploadManager } from './upload-manager.js';

interface Props {
  client: RoomClient;
  uploads: UploadManager;
  unread: UnreadCount;
  /** A PIN carried by the join link (`?pin=`, from the host's QR code). */
  linkPin: string | undefined;
}

export function App({ client, uploads, unread, linkPin }: Props) {
  const t = useText();
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const unreadCount = useSyncExternalStore(unread.subscribe, unread.getSnapshot);
  const { phase } = snapshot.status;
  const inRoom = snapshot.entered && phase !== 'pin' && phase !== 'stopped';
  const preview = useRoomPreview(!inRoom);
  const name = snapshot.chat.roomName || preview?.name;
  const roomName = name ? displayRoomName(name, t) : t('appName');
  useEffect(() => {
    document.title = unreadCount > 0 ? `(${unreadCount}) ${roomName}` : roomName;
  }, [unreadCount, roomName]);

  // The name the person asked for (the room may add a suffix to keep names unique).
  const [wantedName, setWantedName] = useState('');
  if (phase === 'lobby') return <WaitingScreen roomName={roomName} onCancel={() => client.leave()} />;
  return inRoom ? (
    <ChatScreen client={client} uploads={uploads} snapshot={snapshot} roomName={roomName} />
  ) : (
    <JoinScreen
      status={snapshot.status}
      preview={preview}
      // After leaving, the name they had in the room (renames included).
      initialName={snapshot.status.phase === 'left' ? snapshot.status.name : wantedName}
      linkPin={linkPin}
      onJoin={(name, pin) => {
        setWantedName(name);
        client.join(name, pin);
      }}
    />
  );
}
