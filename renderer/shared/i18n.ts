// One i18next instance per page. Each page brings its own strings (a flat map per language) and the
// shared ones in renderer/shared/strings.ts; React components read them through `useT()`.
import i18next, { type i18n as I18n } from 'i18next';
import { useSyncExternalStore } from 'react';

export type Language = 'en' | 'zh-CN';
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** A page's strings: English is the source of truth, Chinese must have every key. */
export type Strings<K extends string> = Record<Language, Record<K, string>>;

/** `?lang=` first, then the browser's languages; anything Chinese gets zh-CN, else English. */
export function detectLanguage(search: string = location.search, preferred: readonly string[] = navigator.languages): Language {
  const asked = new URLSearchParams(search).get('lang');
  for (const tag of [asked, ...preferred]) {
    if (!tag) continue;
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

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

/** Re-renders on language change; returns a typed `t`. */
export function useT<K extends string>(instance: I18n): (key: K, values?: Record<string, string | number>) => string {
  useSyncExternalStore(
    (onChange) => {
      instance.on('languageChanged', onChange);
      return () => instance.off('languageChanged', onChange);
    },
    () => instance.language,
  );
  return (key, values) => String(instance.t(key, values ?? {}));
}
