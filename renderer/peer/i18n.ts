// The peer page's i18next instance: `?lang=` first, then the browser's language.
import { createI18n, detectLanguage, useT, type Language } from '../shared/i18n.js';
import { withShared, type SharedKey } from '../shared/strings.js';
import { peerStrings, type PeerKey } from './strings.js';

export const language: Language = detectLanguage();
export const i18n = createI18n(withShared(peerStrings), language);

export type Key = PeerKey | SharedKey;
export const useText = () => useT<Key>(i18n);
