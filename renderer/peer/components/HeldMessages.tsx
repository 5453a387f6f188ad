// Shown when a different room (another room id) answers at this address while messages typed for the
// old one are still unsent: they stay here until the person decides where they go.
import type { RoomClient } from '../room-client.js';
import { useText } from '../peer-i18n.js';

export function HeldMessages({ client, count }: { client: RoomClient; count: number }) {
  const t = useText();
  return (
    <div className="held" role="alert">
      <p>{t('heldMessages', { count })}</p>
      <button type="button" className="link-button" onClick={() => client.sendHeld()}>
        {t('sendHeld')}
      </button>
      <button type="button" className="link-button" onClick={() => client.discardHeld()}>
        {t('discardHeld')}
      </button>
    </div>
  );
}
