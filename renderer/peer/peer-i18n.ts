// The peer page's translator. Language: `?lang=` first, then the person's choice on this device, then
// the browser's languages. Switching updates `?lang=` too, so a reload keeps the choice.
import { detectLanguage, type Language } from '../shared/language.js';
import { withShared, type SharedKey } from '../shared/shared-strings.js';
import { Translator, useTranslator, type T } from '../shared/translator.js';
import { rememberedLanguage, rememberLanguage } from './storage.js';
import { peerStrings, type PeerKey } from './peer-strings.js';

export type Key = PeerKey | SharedKey;
/** The page's `t`, as `useText` returns it. */
export type Text = T<Key>;

const stored = rememberedLanguage();
const i18n = new Translator<Key>(
  withShared(peerStrings),
  detectLanguage(location.search, stored ? [stored, ...navigator.languages] : navigator.languages),
);

// The page's language, for screen readers, fonts and spelling.
document.documentElement.lang = i18n.language;
i18n.subscribe(() => (document.documentElement.lang = i18n.language));

export const useText = (): Text => useTranslator(i18n);

export const currentLanguage = (): Language => i18n.language;

export function switchLanguage(language: Language): void {
  rememberLanguage(language);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', language);
    history.replaceState(history.state, '', url);
  }
  i18n.changeLanguage(language);
}
