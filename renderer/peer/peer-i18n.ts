// The peer page's i18next instance. Language: `?lang=` first, then the person's choice on this device,
// then the browser's languages. Switching updates `?lang=` too, so a reload keeps the choice.
import { createI18n, detectLanguage, useT, type Language } from '../shared/i18n.js';
import { withShared, type SharedKey } from '../shared/shared-strings.js';
import { rememberedLanguage, rememberLanguage } from './storage.js';
import { peerStrings, type PeerKey } from './peer-strings.js';

const stored = rememberedLanguage();
export const i18n = createI18n(
  withShared(peerStrings),
  detectLanguage(location.search, stored ? [stored, ...navigator.languages] : navigator.languages),
);

export type Key = PeerKey | SharedKey;
export const useText = () => useT<Key>(i18n);

export const currentLanguage = (): Language => i18n.language as Language;

export function switchLanguage(language: Language): void {
  rememberLanguage(language);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', language);
    history.replaceState(history.state, '', url);
  }
  void i18n.changeLanguage(language);
}
