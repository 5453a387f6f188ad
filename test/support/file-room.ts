// A real room on 127.0.0.1 with one guest who shares files the way a page does (the room's file tests:
// routes, uploads, downloads, the host's moderation of what was shared). Stopped by room-fixture.ts's
// `stopAll()`.
import type { RoomSettings } from '../../common/host-view.js';
import type { ChatBroadcast, ServerMessage } from '../../common/protocol.js';
import { richClient, startRoom, type Client } from './room-fixture.js';

/** A room with `settings`, and Ann in it (with the PIN when there is one), her session for uploads. */
export async function roomWithGuest(settings: Partial<RoomSettings> = {}) {
  const { room, port, url } = await startRoom({ settings });
  const { client, welcome } = await richClient(url, { name: 'Ann', ...(settings.pin ? { pin: settings.pin } : {}) });
  return { room, port, url, base: `http://127.0.0.1:${port}`, client, session: welcome.session };
}

/** Sends a chat message sharing the uploads `files`. */
export function share(client: Client, files: string[], text = '', clientMsgId = 'm1'): void {
  client.json({ type: 'chat', text, files, clientMsgId });
}

export const isFileChat = (m: ServerMessage): m is ChatBroadcast => m.type === 'chat' && m.files !== undefined;
