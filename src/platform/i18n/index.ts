import { en } from './en';
import { type MessageKey, vi } from './vi';

export type { MessageKey };
export type Locale = 'vi' | 'en';
export const catalogues = { vi, en };

export function t(key: MessageKey, params: Record<string, string | number> = {}, locale: Locale = 'vi'): string {
  const template = (locale === 'en' ? en[key] : undefined) ?? vi[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
