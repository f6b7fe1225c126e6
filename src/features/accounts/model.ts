import type { Locale, Translate } from '../../core/i18n/index.js';
import type { StoredImage } from '../../core/media/index.js';

/** ISO 3166-1 alpha-2 codes; names come from Intl in the reader's language. */
export const COUNTRIES = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ', 'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS', 'BT', 'BV', 'BW', 'BY', 'BZ',
  'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET', 'FI', 'FJ', 'FK', 'FM', 'FO', 'FR',
  'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY', 'HK', 'HM', 'HN', 'HR', 'HT', 'HU', 'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT', 'JE', 'JM', 'JO', 'JP',
  'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ', 'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY', 'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS',
  'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ', 'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ', 'OM', 'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY', 'QA', 'RE', 'RO', 'RS',
  'RU', 'RW', 'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV', 'SX', 'SY', 'SZ', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW',
  'TZ', 'UA', 'UG', 'UM', 'US', 'UY', 'UZ', 'VA', 'VC', 'VE', 'VG', 'VI', 'VN', 'VU', 'WF', 'WS', 'YE', 'YT', 'ZA', 'ZM', 'ZW',
] as const;
export type Country = (typeof COUNTRIES)[number];

const displayNames = new Map<Locale, Intl.DisplayNames>();

export function countryName(locale: Locale, code: string): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

/** Countries sorted by their name in the reader's language. */
export function countryOptions(locale: Locale): { value: string; label: string }[] {
  const collator = new Intl.Collator(locale);
  return COUNTRIES.map((code) => ({ value: code, label: countryName(locale, code) })).sort((a, b) => collator.compare(a.label, b.label));
}

export const SPECIALTIES = ['plastic_surgery', 'facial_plastic_surgery', 'oculoplastic_surgery', 'dermatology', 'otolaryngology', 'anesthesiology', 'nursing', 'other'] as const;
export type Specialty = (typeof SPECIALTIES)[number];

export const BOARDS = ['abps', 'abfprs', 'abo', 'abd', 'abohns', 'aba', 'other', 'none'] as const;
export type Board = (typeof BOARDS)[number];

export const PROFESSIONAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ProfessionalStatus = (typeof PROFESSIONAL_STATUSES)[number];

/** A professional's application and public profile. */
export interface ProfessionalProfile {
  readonly userId: string;
  readonly slug: string;
  readonly name: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly licenceNumber: string;
  readonly licenceRegion: string;
  readonly specialty: Specialty;
  readonly board: Board;
  readonly practiceName: string;
  readonly bio: string;
  readonly photoId: string | null;
  readonly status: ProfessionalStatus;
  readonly reason: string | null;
  readonly reviewedAt: Date | null;
  readonly createdAt: Date;
}

/** What anyone may see of an approved professional: no licence number, no email. */
export interface PublicProfile {
  readonly slug: string;
  readonly name: string;
  readonly specialty: Specialty;
  readonly board: Board;
  readonly practiceName: string;
  readonly bio: string;
  readonly photo: StoredImage | null;
  readonly verifiedAt: Date;
}

/** A session as its owner sees it in the list. */
export interface SessionView {
  readonly id: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** A coarse description from the user agent (browser and system names only), or null. */
  readonly browser: string | null;
  readonly os: string | null;
  readonly current: boolean;
}

/** The browser a sign-in comes from: the random id its cookie holds (a new one if it had none) and its user agent. */
export interface SignInBrowser {
  readonly deviceId: string;
  readonly userAgent: string | null;
}

/** Browser and system names from a user agent, coarse on purpose (no versions, no device model). */
export function describeUserAgent(ua: string | null): { browser: string | null; os: string | null } {
  if (!ua) return { browser: null, os: null };
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /iPhone|iPad/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return { browser, os };
}

/** A browser in plain words ("Firefox on Linux"), as the sessions list and the new sign-in email name it. */
export function browserLabel(t: Translate, d: { readonly browser: string | null; readonly os: string | null }): string {
  return t('sessions.deviceOn', { browser: d.browser ?? t('sessions.unknownBrowser'), os: d.os ?? t('sessions.unknownOs') });
}
