import { en, type Catalogue, type MessageKey } from './en.js';
import { es } from './es.js';
import { DEFAULT_LOCALE, LOCALES, type Locale, isLocale } from './locales.js';

export { DEFAULT_LOCALE, LOCALES, isLocale, type Locale, type MessageKey };

const catalogues: Record<Locale, Catalogue> = { en, es };

export type Params = Record<string, string | number>;
/** A translator bound to one language. */
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * Looks a message up and fills `{name}` placeholders. Messages are whole sentences; never
 * build a sentence from fragments, word order differs between languages.
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const message = catalogues[locale][key] ?? catalogues[DEFAULT_LOCALE][key] ?? key;
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** The path prefix of a language: '' for English, '/es' for Spanish. */
export function localePrefix(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? '' : `/${locale}`;
}

/** A site path in a language: localizePath('es', '/guides') -> '/es/guides'. */
export function localizePath(locale: Locale, path: string): string {
  const prefix = localePrefix(locale);
  if (!prefix) return path;
  return path === '/' ? prefix : `${prefix}${path}`;
}

/**
 * Splits a request URL into its language and the language-neutral path the routes know.
 * '/es/guides?x' -> { locale: 'es', url: '/guides?x' }.
 */
export function splitLocale(url: string): { locale: Locale; url: string } {
  for (const locale of LOCALES) {
    if (locale === DEFAULT_LOCALE) continue;
    const prefix = `/${locale}`;
    if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`)) {
      const rest = url.slice(prefix.length);
      return { locale, url: rest.startsWith('/') ? rest : `/${rest}` };
    }
  }
  return { locale: DEFAULT_LOCALE, url };
}

// Intl formatters are costly to build (ICU data, native memory): one per language and style.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const zonedFormats = new Map<Locale, Intl.DateTimeFormat>();

function formatter(cache: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { ...options, timeZone: 'UTC' });
    cache.set(locale, format);
  }
  return format;
}

// Formatting itself is slow too, and pages show the same few dates over and over.
const formattedDates = new Map<string, string>();

/** Formats a date for people, in their language. */
export function formatDate(locale: Locale, date: Date): string {
  const key = `${locale}:${date.toISOString().slice(0, 10)}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = formatter(dateFormats, locale, { dateStyle: 'long' }).format(date);
    if (formattedDates.size > 5000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

export function formatDateTime(locale: Locale, date: Date): string {
  return formatter(dateTimeFormats, locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * A moment with its zone named ("March 3, 2027 at 2:05 PM UTC"), for emails: the reader may be
 * anywhere, and we do not know their time zone, so the time is in UTC and says so.
 */
export function formatDateTimeUtc(locale: Locale, date: Date): string {
  return formatter(zonedFormats, locale, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(date);
}
