import type { Locale } from '../../core/i18n/index.js';

export const POLICY_DOCUMENTS = ['terms', 'privacy'] as const;
export type PolicyDocument = (typeof POLICY_DOCUMENTS)[number];

export interface PolicyVersion {
  readonly id: string;
  readonly document: PolicyDocument;
  readonly version: number;
  readonly body: Readonly<Record<Locale, string>>;
  readonly summary: Readonly<Record<Locale, string>>;
  readonly material: boolean;
  readonly status: 'draft' | 'published';
  readonly effectiveAt: Date | null;
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The label consent records keep ("Version 2 · Effective 6 December 2026"): the same form the
 * static texts used, so records from before versioning read the same.
 */
export function versionLabel(v: Pick<PolicyVersion, 'version' | 'effectiveAt'>): string {
  const d = v.effectiveAt ?? new Date();
  return `Version ${v.version} · Effective ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The version number in a label ("Version 3 · …" -> 3); 0 when there is none. */
export function versionNumberOf(label: string | null | undefined): number {
  const m = /^Version (\d+)/.exec(label ?? '');
  return m ? Number(m[1]) : 0;
}

/** Parses "Effective 22 November 2026" from a static text's version line. */
export function parseEffective(line: string): Date | null {
  const m = /(\d{1,2}) (\w+) (\d{4})/.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!);
  return month < 0 ? null : new Date(Date.UTC(Number(m[3]), month, Number(m[1])));
}
