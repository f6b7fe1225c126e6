import type { MessageKey } from '../i18n/index.js';

/**
 * The registry of personal data: every table declares, in code, what it holds about people,
 * whose data it is, why, on what lawful basis and for how long. Export, erasure, retention and
 * the data inventory read it; a test compares it with the live schema, so a new column cannot
 * hold personal data without being declared here first.
 *
 * The prose people read (a table's purpose, why it is kept, why erasure leaves it, why it holds
 * nothing personal) is not written here: it lives in the i18n catalogue under the table's name,
 * `registry.<table>.purpose | kept | keep | why` (or under a name several tables share, their
 * `sharedWhy`), so the data inventory and a member's export show it in the reader's language. The declaration types accept only table names that have
 * those keys, so a table without its texts does not compile.
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
  /**
   * Kept because the law or the integrity of a record requires it; minimised on erasure. The
   * reason is `registry.<table>.kept`, or `registry.<sharedWhy>.kept` for tables kept for one
   * reason together.
   */
  | { readonly rule: 'kept'; readonly sharedWhy?: string };

export interface PersonalDataTable {
  readonly table: string;
  /** The feature (or core module) that owns the table. */
  readonly owner: string;
  readonly subjects: readonly DataSubject[];
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
   * they are (append-only evidence holding no name, address or phone, like the audit log), for
   * the reason in `registry.<table>.keep`.
   */
  readonly erasure?: Erasure;
}

export type Erasure =
  | { readonly action: 'delete' }
  /** Personal columns set to null (or '' where the schema needs a value); `columns` narrows them. */
  | { readonly action: 'minimise'; readonly columns?: readonly string[] }
  | { readonly action: 'keep' };

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
  /**
   * Why nothing in it identifies a person is `registry.<table>.why`, or `registry.<sharedWhy>.why`
   * for tables that share one reason (an index and its shadow tables).
   */
  readonly sharedWhy?: string;
  readonly columns: readonly string[];
  /** Only on this database (e.g. SQLite's FTS5 tables and their shadow tables). */
  readonly dialect?: 'sqlite' | 'postgres';
  /** Columns that exist only on one database (e.g. PostgreSQL's tsvector). */
  readonly dialectColumns?: { readonly sqlite?: readonly string[]; readonly postgres?: readonly string[] };
}

/** The names (tables, or groups sharing a reason) that have a `registry.<name>.<kind>` message. */
type ProseName<Kind extends string> = MessageKey extends infer Key ? (Key extends `registry.${infer Name}.${Kind}` ? Name : never) : never;

type DeclaredRetention<Table extends string> =
  | Exclude<Retention, { readonly rule: 'kept' }>
  | (`registry.${Table}.kept` extends MessageKey ? { readonly rule: 'kept' } : { readonly rule: 'kept'; readonly sharedWhy: ProseName<'kept'> });

type DeclaredErasure<Table extends string> =
  | Exclude<Erasure, { readonly action: 'keep' }>
  | (`registry.${Table}.keep` extends MessageKey ? { readonly action: 'keep' } : never);

/**
 * A personal-data table as its owner declares it: one variant per table with a purpose in the
 * catalogue, whose `kept` retention and `keep` erasure need their reasons there too.
 */
export type PersonalDataDeclaration = {
  [Table in ProseName<'purpose'>]: Omit<PersonalDataTable, 'table' | 'retention' | 'erasure'> & {
    readonly table: Table;
    readonly retention: DeclaredRetention<Table>;
    readonly erasure?: DeclaredErasure<Table>;
  };
}[ProseName<'purpose'>];

/** A table without personal data as its owner declares it: its own reason in the catalogue, or a shared one. */
export type NonPersonalDeclaration =
  | (Omit<NonPersonalTable, 'table' | 'sharedWhy'> & { readonly table: ProseName<'why'> })
  | (Omit<NonPersonalTable, 'sharedWhy'> & { readonly sharedWhy: ProseName<'why'> });

// The declaration types guarantee these keys exist for every registered table (the registry test checks it at run time).
const proseKey = (name: string, kind: 'purpose' | 'kept' | 'keep' | 'why'): MessageKey => `registry.${name}.${kind}` as MessageKey;

/** The catalogue key of what a personal-data table is for. */
export function purposeKey(entry: Pick<PersonalDataTable, 'table'>): MessageKey {
  return proseKey(entry.table, 'purpose');
}

/** The catalogue key of why a table's rows are kept (`kept` retention), or null under another rule. */
export function keptKey(entry: PersonalDataTable): MessageKey | null {
  return entry.retention.rule === 'kept' ? proseKey(entry.retention.sharedWhy ?? entry.table, 'kept') : null;
}

/** The catalogue key of why erasure leaves a table's rows as they are (`keep`), or null. */
export function keepKey(entry: PersonalDataTable): MessageKey | null {
  return entry.erasure?.action === 'keep' ? proseKey(entry.table, 'keep') : null;
}

/** The catalogue key of why a table holds nothing about a person. */
export function whyKey(entry: NonPersonalTable): MessageKey {
  return proseKey(entry.sharedWhy ?? entry.table, 'why');
}

const personalTables = new Map<string, PersonalDataTable>();
const otherTables = new Map<string, NonPersonalTable>();

function claim(table: string): void {
  if (personalTables.has(table) || otherTables.has(table)) throw new Error(`table ${table} declared twice in the personal-data registry`);
}

/** Declares tables that hold personal data (each feature, in its privacy.ts). */
export function definePersonalData(...tables: PersonalDataDeclaration[]): void {
  for (const t of tables) {
    claim(t.table);
    personalTables.set(t.table, t);
  }
}

/** Declares tables that hold no personal data, and says why. */
export function defineNonPersonalData(...tables: NonPersonalDeclaration[]): void {
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
