/**
 * The registry of personal data: every table declares, in code, what it holds about people,
 * whose data it is, why, on what lawful basis and for how long. Export, erasure, retention and
 * the data inventory read it; a test compares it with the live schema, so a new column cannot
 * hold personal data without being declared here first.
 */

/** What kind of personal data a column holds. `medical` is special-category data (sealed at rest). */
export type DataCategory = 'identity' | 'contact' | 'account' | 'credentials' | 'medical' | 'content' | 'technical' | 'preferences' | 'consent';

export type DataSubject = 'member' | 'professional' | 'staff' | 'subscriber' | 'correspondent' | 'patient' | 'visitor';

export type LawfulBasis = 'consent' | 'contract' | 'legal_obligation' | 'legitimate_interests';

export type Retention =
  /** Kept while the account exists; erased with it. */
  | { readonly rule: 'account' }
  /** Purged this many days after the `from` column's time. */
  | { readonly rule: 'days'; readonly days: number; readonly from: string }
  /** Kept because the law or the integrity of a record requires it; minimised on erasure. */
  | { readonly rule: 'kept'; readonly why: string };

export interface PersonalDataTable {
  readonly table: string;
  /** The feature (or core module) that owns the table. */
  readonly owner: string;
  readonly subjects: readonly DataSubject[];
  readonly purpose: string;
  readonly lawfulBasis: LawfulBasis;
  readonly retention: Retention;
  /**
   * How a row is tied to a person: a column holding their user id, one holding their email
   * address, or a column pointing at the row of another registered table that is.
   */
  readonly link: { readonly userId?: string; readonly email?: string; readonly parent?: { readonly table: string; readonly column: string } };
  /** Columns holding personal data, with their category. */
  readonly personal: Readonly<Record<string, DataCategory>>;
  /** Columns holding nothing about a person (ids, flags, times of system events...). */
  readonly other: readonly string[];
  readonly sealed?: SealedData;
  /** Columns holding the storage key of a plain (not sealed) file that belongs to the row: removed with it. */
  readonly files?: readonly string[];
  /**
   * What erasure does with the person's rows (core/privacy/erasure.ts). By default rows kept
   * by the `kept` rule are minimised and every other row is deleted; `keep` leaves the rows as
   * they are (append-only evidence holding no name, address or phone, like the audit log).
   */
  readonly erasure?: Erasure;
}

export type Erasure =
  | { readonly action: 'delete' }
  /** Personal columns set to null (or '' where the schema needs a value); `columns` narrows them. */
  | { readonly action: 'minimise'; readonly columns?: readonly string[] }
  | { readonly action: 'keep'; readonly why: string };

/** The erasure rule of a table: its own, or the default that follows from its retention. */
export function erasureOf(entry: PersonalDataTable): Erasure {
  return entry.erasure ?? (entry.retention.rule === 'kept' && !entry.link.parent ? { action: 'minimise' } : { action: 'delete' });
}

/** The associated data a value was sealed with, rebuilt from its row (see core/crypto FieldCipher). */
export type SealContext = (row: Readonly<Record<string, unknown>>) => string;

/**
 * Values sealed with the data keys: columns holding ciphertext, and columns holding the storage
 * key of a file whose content is ciphertext. Key rotation re-seals them all from this list.
 */
export interface SealedData {
  /** The table's primary-key column (one column). */
  readonly key: string;
  readonly columns?: Readonly<Record<string, SealContext>>;
  readonly files?: Readonly<Record<string, SealContext>>;
}

export interface NonPersonalTable {
  readonly table: string;
  readonly owner: string;
  /** Why nothing in it identifies a person. */
  readonly why: string;
  readonly columns: readonly string[];
  /** Only on this database (e.g. SQLite's FTS5 tables and their shadow tables). */
  readonly dialect?: 'sqlite' | 'postgres';
  /** Columns that exist only on one database (e.g. PostgreSQL's tsvector). */
  readonly dialectColumns?: { readonly sqlite?: readonly string[]; readonly postgres?: readonly string[] };
}

const personalTables = new Map<string, PersonalDataTable>();
const otherTables = new Map<string, NonPersonalTable>();

function claim(table: string): void {
  if (personalTables.has(table) || otherTables.has(table)) throw new Error(`table ${table} declared twice in the personal-data registry`);
}

/** Declares tables that hold personal data (each feature, in its privacy.ts). */
export function definePersonalData(...tables: PersonalDataTable[]): void {
  for (const t of tables) {
    claim(t.table);
    personalTables.set(t.table, t);
  }
}

/** Declares tables that hold no personal data, and says why. */
export function defineNonPersonalData(...tables: NonPersonalTable[]): void {
  for (const t of tables) {
    claim(t.table);
    otherTables.set(t.table, t);
  }
}

export function personalDataRegistry(): readonly PersonalDataTable[] {
  return [...personalTables.values()];
}

export function nonPersonalTables(): readonly NonPersonalTable[] {
  return [...otherTables.values()];
}
