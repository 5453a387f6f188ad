// `GET /api/room`: what the join screen shows before anyone joins (the room's name, the host's name,
// whether a PIN is needed, how long a name may be). Nothing a PIN protects: no history, no people.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomPreview } from '../../common/protocol.js';
import { isRead, methodNotAllowed, sendJson, type RouteSet } from './http-router.js';

const ROOM_PREVIEW_PATH = '/api/room';

export class RoomPreviewRoute implements RouteSet {
  /** @param preview the facts as they are now (the host may rename the room or set a PIN at any time) */
  constructor(private readonly preview: () => RoomPreview) {}

  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (path !== ROOM_PREVIEW_PATH) return false;
    if (!isRead(req)) methodNotAllowed(res);
    else sendJson(res, 200, this.preview());
    return true;
  }
}
