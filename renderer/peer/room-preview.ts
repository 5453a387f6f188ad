// The join screen's facts about the room (`GET /api/room`): its name, the host's name, whether it
// needs a PIN, how long a name may be. Asked once when the join screen shows; without an answer (an
// old room, a network hiccup) the screen simply stays generic.
import { useEffect, useState } from 'react';
import type { RoomPreview } from '../../common/protocol.js';

export function useRoomPreview(wanted: boolean): RoomPreview | null {
  const [preview, setPreview] = useState<RoomPreview | null>(null);
  useEffect(() => {
    if (!wanted) return;
    const abort = new AbortController();
    fetch('/api/room', { signal: abort.signal, cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<RoomPreview>) : null))
      .then((answer) => {
        if (answer !== null) setPreview(answer);
      })
      .catch(() => {
        // Unreachable or aborted: the join screen works without it.
      });
    return () => abort.abort();
  }, [wanted]);
  return preview;
}
