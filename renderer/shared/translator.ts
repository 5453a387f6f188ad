// A translator for a page whose strings are flat tables (the peer page): `{{name}}` placeholders and
// i18next's plural suffixes (`key_one`, `key_other`, chosen by `count`), English where a language lacks
// a key. The same format as the host window's i18next tables, without i18next's runtime, which would be
// a sixth of what a guest's phone downloads on its first visit.
import { useSyncExternalStore } from 'react';
import type { Language, Strings } from './language.js';
import { Listeners } from './listeners.js';

export type Values = Record<string, string | number>;
export type T<K extends string> = (key: K, values?: Values) => string;

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

export class Translator<K extends string> {
  #language: Language;
  readonly #listeners = new Listeners();
  readonly #translators = new Map<Language, T<K>>();

  constructor(
    private readonly strings: Strings<K>,
    language: Language,
  ) {
    this.#language = language;
  }

  get language(): Language {
    return this.#language;
  }

  /** `key` in the current language with `values` filled in; the key itself when no table has it. */
  readonly t = (key: K, values?: Values): string => this.fixed(this.#language)(key, values);

  /** A `t` for one language that stays the same function, so memoised components can take it. */
  fixed(language: Language): T<K> {
    let t = this.#translators.get(language);
    if (t === undefined) {
      const table: Partial<Record<string, string>> = this.strings[language];
      const english: Partial<Record<string, string>> = this.strings.en;
      const plurals = new Intl.PluralRules(language);
      const lookup = (key: string) => table[key] ?? english[key];
      t = (key, values) => {
        const count = values?.count;
        const text = (typeof count === 'number' ? lookup(`${key}_${plurals.select(count)}`) : undefined) ?? lookup(key) ?? key;
        return values === undefined
          ? text
          : text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
      };
      this.#translators.set(language, t);
    }
    return t;
  }

  changeLanguage(language: Language): void {
    if (language === this.#language) return;
    this.#language = language;
    this.#listeners.notify();
  }

  /** Calls `onChange` after each change of language; returns what stops it. */
  readonly subscribe = this.#listeners.subscribe;
}

/** Re-renders on a language change; the `t` it returns changes only with the language. */
export function useTranslator<K extends string>(translator: Translator<K>): T<K> {
  const language = useSyncExternalStore(translator.subscribe, () => translator.language);
  return translator.fixed(language);
}
