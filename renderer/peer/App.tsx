// Join screen until the room welcomes us, then the chat; a device that was in this room before goes
// straight back in. Also keeps the tab title's unread count.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ChatScreen } from './ChatScreen.js';
import { i18n } from './i18n.js';
import { JoinScreen, pinFromUrl } from './JoinScreen.js';
import { RoomClient } from './room-client.js';
import { playChime } from './sound.js';
import { rememberedName, rememberedSession, rememberSession, soundEnabled } from './storage.js';

let unread = 0;
const unreadListeners = new Set<() => void>();
function setUnread(value: number): void {
  unread = value;
  for (const listener of unreadListeners) listener();
}

const client = new RoomClient({
  onIncoming: (count) => {
    if (document.visibilityState === 'hidden') setUnread(unread + count);
    if (soundEnabled()) playChime();
  },
  onSession: rememberSession,
});

const lastName = rememberedName();
const lastSession = rememberedSession();
if (lastName && lastSession) client.rejoin(lastName, lastSession, pinFromUrl);

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') setUnread(0);
});

export function App() {
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const unreadCount = useSyncExternalStore(
    (listener) => {
      unreadListeners.add(listener);
      return () => unreadListeners.delete(listener);
    },
    () => unread,
  );
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
      onJoin={(name, pin) => {
        setWantedName(name);
        client.join(name, pin);
      }}
    />
  );
}
