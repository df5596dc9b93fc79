import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The generated locale files, and Chrome's getMessage over them, for the unit tests (no browser i18n API there). */

export const LOCALES = resolve('public/_locales');
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

export interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
const load = (lang: string): Record<string, Message> => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8'));
export const messages = Object.fromEntries(LANGS.map((l) => [l, load(l)])) as Record<Lang, Record<string, Message>>;

/** Chrome's getMessage: named placeholders ($NAME$ → content → $n); '' for an unknown key. */
export function getMessage(lang: Lang) {
  return (name: string, subs: string[] = []) => {
    const m = messages[lang][name];
    if (!m) return '';
    const values = new Map(
      Object.entries(m.placeholders ?? {}).map(([k, p]) => [
        k.toLowerCase(),
        p.content.replace(/\$(\d)/g, (_, i) => subs[Number(i) - 1] ?? ''),
      ]),
    );
    return m.message.replace(/\$([a-z0-9_]+)\$/gi, (all, k: string) => values.get(k.toLowerCase()) ?? all);
  };
}
