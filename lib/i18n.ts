import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

/**
 * Every user-visible string of the extension pages goes through t(), over the browser's own i18n
 * (public/_locales/<lang>/messages.json; English is the default locale and the source of the key type).
 * Dates, times and durations go through Intl with the browser's UI language.
 */

type Messages = typeof messages;
export type MessageKey = keyof Messages;
type Sub = string | number;
/** Messages with placeholders need their substitutions; the others take none. */
export type SubsOf<K extends MessageKey> = Messages[K] extends { placeholders: object } ? [Sub, ...Sub[]] : [];

type GetMessage = (name: string, substitutions?: string[]) => string;

/**
 * The message for a key, or '' when the locale files lack it (or there is no i18n API, as in unit tests). Each
 * key is asked of the browser once per page or worker, with marks for its substitutions, which are then put in
 * its place: every ask is an extension API call, and the popup's first screen made 200 of them (1.9 ms of its
 * CPU) for about 35 messages.
 */
const templates = new Map<string, string>();
const MARK = '\uE000';
function lookup(key: string, subs: readonly Sub[]): string {
  const id = `${key}\u0000${subs.length}`;
  let template = templates.get(id);
  if (template === undefined) {
    template = ask(
      key,
      subs.map((_, i) => `${MARK}${i + 1}`),
    );
    templates.set(id, template);
  }
  // One pass: a substitution's own text is never read as a mark.
  return subs.length === 0 ? template : template.replace(/\uE000([1-9])/g, (_, n: string) => String(subs[Number(n) - 1]));
}

function ask(key: string, subs: string[]): string {
  try {
    return (browser.i18n.getMessage as GetMessage)(key, subs) ?? '';
  } catch {
    return '';
  }
}

export function t<K extends MessageKey>(key: K, ...subs: SubsOf<K>): string {
  // A missing string shows as its key, so it is obvious on screen and in tests.
  return lookup(key, subs) || [key, ...subs].join(' ');
}

/** Base names of plural messages (`<base>_one`, `<base>_other`, optionally `_zero`, `_two`, `_few`, `_many`). */
export type PluralBase = { [K in MessageKey]: K extends `${infer B}_other` ? B : never }[MessageKey];

/** A count in words: `<base>_<CLDR plural category>` for the UI language, else `<base>_other`. `$1` is the count. */
const plurals = new Map<string, Intl.PluralRules>();
export function tp(base: PluralBase, count: number, ...more: Sub[]): string {
  const lang = locale();
  let rules = plurals.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    plurals.set(lang, rules);
  }
  const category = rules.select(count);
  const subs = [count, ...more];
  return lookup(`${base}_${category}`, subs) || lookup(`${base}_other`, subs) || [`${base}_other`, ...subs].join(' ');
}

/**
 * The browser's UI language (what _locales resolved against), e.g. `fr`, `en-US`. Asked of the browser once per
 * page or worker: the messages are fixed for the extension's life too, and each ask is an extension API call that
 * took ~2.7 ms of every popup opening's CPU when every date and duration formatted asked again.
 */
let uiLanguage: string | undefined;
export function locale(): string {
  uiLanguage ??= askLocale();
  return uiLanguage;
}

/** Unit tests switch the language between cases: the next `locale()` and messages are asked again. */
export function forgetLocale(): void {
  uiLanguage = undefined;
  templates.clear();
}

function askLocale(): string {
  try {
    const lang = browser.i18n.getUILanguage();
    if (lang) return lang.replace('_', '-');
  } catch {
    // unit tests
  }
  return typeof navigator !== 'undefined' ? navigator.language : 'en';
}

/** `a, b and c` / `a, b et c`. */
export const formatList = (items: readonly string[]): string => new Intl.ListFormat(locale(), { type: 'conjunction' }).format(items);

export type Clock = '12h' | '24h';

/**
 * 12/24 h: the user's preference when set; on 'auto', the default linked account's setting when there is one,
 * else undefined (the locale's own convention).
 */
export function clockOf(
  accounts: readonly { id: string; clock: Clock }[],
  defaultId: string,
  preference: Clock | 'auto' = 'auto',
): Clock | undefined {
  return preference !== 'auto' ? preference : accounts.find((a) => a.id === defaultId)?.clock;
}

const cache = new Map<string, Intl.DateTimeFormat>();
/** A date format of the UI's locale, made once per options (making one costs far more than using it). */
export function dtf(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([locale(), options]);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), options);
    cache.set(key, f);
  }
  return f;
}

/** Wall-clock time of day: `9:05 AM` / `09:05` / `9:05`. */
export function formatClock(ms: number, clock?: Clock): string {
  return dtf({ hour: 'numeric', minute: '2-digit', ...(clock ? { hour12: clock === '12h' } : {}) }).format(ms);
}

/** A `YYYY-MM-DD` calendar day as a Date at local midnight. */
export function dayDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** `Monday, March 3, 2026` / `lundi 3 mars 2026`. */
export const formatLongDate = (day: string): string => dtf({ dateStyle: 'full' }).format(dayDate(day));

/** Name of a weekday (0 = Sunday, as Date#getDay). */
export const weekdayName = (index: number): string => dtf({ weekday: 'long' }).format(new Date(2024, 0, 7 + index));

interface DurationFormatLike {
  format(d: { hours: number; minutes: number; seconds?: number }): string;
}
type DurationFormatCtor = new (locale: string, options: { style: 'long' | 'short' | 'narrow' }) => DurationFormatLike;

/**
 * Intl formatters by locale and options: making one costs far more than using it (~0.3 ms for a DurationFormat
 * in Chromium), and a popup shows a duration in words for every entry and day.
 */
const formatters = new Map<string, { format(value: never): string }>();
function formatter<F extends { format(value: never): string }>(key: string, make: () => F): F {
  const known = formatters.get(key);
  if (known) return known as F;
  const made = make();
  formatters.set(key, made);
  return made;
}

/**
 * Durations already put in words, by language and minutes: a popup words every entry, day and total (~30), the
 * same few values again and again, and Intl.DurationFormat#format costs ~0.1 ms a call in Chromium even with the
 * formatter made once (it was a tenth of the popup's first render).
 */
const worded = new Map<string, string>();

/** A duration in words for screen readers and titles: `1 hour, 30 minutes` / `1 heure et 30 minutes`. */
export function formatDurationWords(ms: number): string {
  const total = Math.max(0, Math.round(ms / 60_000));
  const lang = locale();
  const key = `${lang}|${total}`;
  let words = worded.get(key);
  if (words === undefined) {
    words = durationWords(lang, total);
    worded.set(key, words);
  }
  return words;
}

function durationWords(lang: string, total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const Ctor = (Intl as unknown as { DurationFormat?: DurationFormatCtor }).DurationFormat;
  if (Ctor) {
    const parts = hours > 0 ? { hours, minutes } : { hours: 0, minutes };
    const text = formatter(`duration|${lang}`, () => new Ctor(lang, { style: 'long' })).format(parts);
    if (text) return text;
  }
  const unit = (value: number, u: 'hour' | 'minute') =>
    formatter(`unit|${lang}|${u}`, () => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'long' })).format(value);
  return hours > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(minutes, 'minute');
}

/** `3 minutes ago` / `il y a 3 minutes`; `just now` under a minute. */
export function formatAgo(at: number, now = Date.now()): string {
  const seconds = Math.round((at - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return t('just_now');
  if (Math.abs(seconds) < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** The page's language, direction and title, for an extension page (screen readers pick the voice from `lang`). */
export function localizeDocument(doc: Document, titleKey: MessageKey): void {
  doc.documentElement.lang = locale();
  const dir = lookup('@@bidi_dir', []);
  if (dir === 'rtl' || dir === 'ltr') doc.documentElement.dir = dir;
  doc.title = t(titleKey as 'app_name');
}
