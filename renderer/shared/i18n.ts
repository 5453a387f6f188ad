// The host window's i18next instance. It brings its own strings (a flat map per language) and the
// shared ones in renderer/shared/shared-strings.ts; React components read them through `useT()`. (The
// peer page, which must load fast on a phone, uses translator.ts on the same tables instead.)
import i18next, { type i18n as I18n } from 'i18next';
import { useSyncExternalStore } from 'react';
import type { Language, Strings } from './language.js';

export { detectLanguage, type Language, type Strings } from './language.js';

export function createI18n<K extends string>(strings: Strings<K>, language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    // React renders text nodes, which escape on their own; escaping here would show &lt; to people.
    interpolation: { escapeValue: false },
    resources: {
      en: { translation: strings.en },
      'zh-CN': { translation: strings['zh-CN'] },
    },
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return instance;
}

type T<K extends string> = (key: K, values?: Record<string, string | number>) => string;

const subscriptions = new WeakMap<I18n, (onChange: () => void) => () => void>();
const translators = new WeakMap<I18n, Map<string, T<string>>>();

/**
 * Re-renders on language change; returns a typed `t` that stays the same function until the language
 * changes, so it can be passed to memoised components without re-rendering them.
 */
export function useT<K extends string>(instance: I18n): T<K> {
  let subscribe = subscriptions.get(instance);
  if (!subscribe) {
    subscribe = (onChange) => {
      instance.on('languageChanged', onChange);
      return () => instance.off('languageChanged', onChange);
    };
    subscriptions.set(instance, subscribe);
  }
  const language = useSyncExternalStore(subscribe, () => instance.language);
  let perLanguage = translators.get(instance);
  if (!perLanguage) translators.set(instance, (perLanguage = new Map()));
  let t = perLanguage.get(language);
  if (!t) {
    const fixed = instance.getFixedT(language);
    perLanguage.set(language, (t = (key, values) => String(fixed(key, values ?? {}))));
  }
  return t;
}
