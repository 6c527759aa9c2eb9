import { en } from './en';
import { vi } from './vi';

export type MessageKey = keyof typeof vi;
export type Lang = 'vi' | 'en';
export type Params = Record<string, string | number>;

const storageKey = 'loa.lang';
const catalogues: Record<Lang, Partial<Record<MessageKey, string>>> = { vi, en };

function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(storageKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let current: Lang = storedLang();

export function currentLang(): Lang {
  return current;
}

/** Switch the interface language; the choice is remembered and the page reloads in it. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  window.location.reload();
}

/** A message from the catalogue of the current language (falling back to Vietnamese), with {name} placeholders filled. */
export function t(key: MessageKey, params?: Params): string {
  const text = catalogues[current][key] ?? vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** For keys built from a value (an enum member): falls back to the value itself when the catalogue has no entry. */
export function tOr(key: string, fallback: string, params?: Params): string {
  return key in vi ? t(key as MessageKey, params) : fallback;
}
