// The two languages of the interface, how a page picks one, and the shape of a page's string table.
// No translation runtime here: the host window translates with i18next (i18n.ts), the peer page with
// the small translator in translator.ts, and both take these from this file.

export type Language = 'en' | 'zh-CN';

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
