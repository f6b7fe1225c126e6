/** The categories of personal information the register can name (after Civ. Code 1798.83(e)(6)). */
export const DISCLOSURE_CATEGORIES = [
  'name',
  'address',
  'email',
  'phone',
  'age',
  'gender',
  'medical',
  'purchases',
  'interests',
  'children',
  'employment',
  'education',
] as const;
export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];

export interface Disclosure {
  readonly id: string;
  readonly year: number;
  readonly recipient: string;
  readonly address: string;
  readonly categories: readonly DisclosureCategory[];
  readonly markets: string;
}

/** What a person was told: the year it covers and the disclosures of that year. */
export interface ShineAnswer {
  readonly year: number;
  readonly disclosures: readonly Omit<Disclosure, 'id' | 'year'>[];
}

export type ConfirmOutcome =
  | { readonly kind: 'answered'; readonly answer: ShineAnswer }
  | { readonly kind: 'repeat'; readonly nextDate: Date }
  | { readonly kind: 'invalid' };

/** The day a person answered this calendar year may ask again: 1 January of the next (UTC). */
export function nextRequestDate(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1));
}
