// Entry of the page the room serves to browsers on the LAN. Connects the room client to this browser
// (its WebSocket, its wake-up events, what this device remembers, the unread count and the chime),
// then draws the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { RoomClient } from './room-client.js';
import { playChime } from './sound.js';
import { rememberedName, rememberedRoomId, rememberedSession, rememberRoomId, rememberSession, soundEnabled } from './storage.js';
import { UnreadCount } from './unread-count.js';
import { UploadManager } from './upload-manager.js';
import './peer.css';

/** A PIN carried by the join link (`?pin=`, from the host's QR code). */
const linkPin = new URLSearchParams(location.search).get('pin') ?? undefined;
const unread = new UnreadCount();

const client = new RoomClient({
  // The room serves this page, so it is at this page's own address.
  url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/`,
  WebSocket,
  onIncoming: (count) => {
    if (document.visibilityState === 'hidden') unread.add(count);
    if (soundEnabled()) playChime();
  },
  onSession: rememberSession,
  roomId: rememberedRoomId(),
  onRoomId: rememberRoomId,
});

const uploads = new UploadManager({
  session: () => client.sessionToken,
  limits: () => client.getSnapshot().chat,
  share: (caption, files) => client.send(caption, files),
  returnCaption: (caption) => client.returnText(caption),
});

// A phone waking up, a network coming back or a page restored from the back/forward cache.
const wake = () => {
  if (document.visibilityState === 'visible') client.wake();
};
document.addEventListener('visibilitychange', wake);
window.addEventListener('online', wake);
// The device lost its network: the connection cannot be working, whatever the socket says yet.
window.addEventListener('offline', () => client.offline());
window.addEventListener('pageshow', wake);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') unread.reset();
});

// A device that was in this room before goes straight back in.
const lastName = rememberedName();
const lastSession = rememberedSession();
if (lastName && lastSession) client.rejoin(lastName, lastSession, linkPin);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} uploads={uploads} unread={unread} linkPin={linkPin} />
  </StrictMode>,
);
