import type { Kysely } from 'kysely';
import type { Db, Trx } from '../db/index.js';
import { type PersonalDataTable, personalDataRegistry } from './registry.js';

/** Whom an export or an erasure is about: their accounts and every address tied to them. */
export interface DataSubject {
  readonly userIds: readonly string[];
  readonly emails: readonly string[];
}

// Registry-driven code reads and writes tables by name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseDb = Kysely<any>;
export const loose = (db: Db | Trx): LooseDb => db as unknown as LooseDb;

const normal = (email: string) => email.trim().toLowerCase();

/**
 * The person behind an account id and/or an address: the account, the address it uses now and
 * the address given, and the account that uses that address. Nothing is found for neither.
 */
export async function resolveSubject(db: Db | Trx, who: { readonly userId?: string | null; readonly email?: string | null }): Promise<DataSubject> {
  const emails = new Set<string>();
  const userIds = new Set<string>();
  if (who.email) emails.add(normal(who.email));
  if (who.userId) {
    const user = await db.selectFrom('users').select(['id', 'email']).where('id', '=', who.userId).executeTakeFirst();
    if (user) {
      userIds.add(user.id);
      emails.add(normal(user.email));
    }
  }
  if (emails.size) for (const u of await db.selectFrom('users').select('id').where('email', 'in', [...emails]).execute()) userIds.add(u.id);
  return { userIds: [...userIds], emails: [...emails] };
}

/** Rows left alone by an erasure (the request being answered, say), by table and id. */
export type Spared = Readonly<Record<string, readonly string[]>>;

/**
 * The filter selecting the person's rows of one table: by address, by account, or by the ids of
 * their rows in the parent table. Null when nothing can tie a row of it to them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function subjectFilter(entry: PersonalDataTable, subject: DataSubject, parentIds: ReadonlyMap<string, readonly unknown[]>, spared: Spared = {}): ((eb: any) => any) | null {
  const { email, userId, parent } = entry.link;
  const parts: [string, readonly unknown[], boolean][] = [];
  // Addresses are compared lower-cased: an address typed with capitals is the same mailbox.
  if (email && subject.emails.length) parts.push([email, subject.emails, true]);
  if (userId && subject.userIds.length) parts.push([userId, subject.userIds, false]);
  if (parent) {
    const ids = parentIds.get(parent.table) ?? [];
    if (ids.length) parts.push([parent.column, ids, false]);
  }
  if (!parts.length) return null;
  const keep = spared[entry.table] ?? [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (eb: any) => {
    const any = eb.or(parts.map(([column, values, lower]) => eb(lower ? eb.fn('lower', [column]) : column, 'in', values)));
    return keep.length ? eb.and([any, eb('id', 'not in', keep)]) : any;
  };
}

/** The registry with parents before their children (a parent's ids are known when a child is read). */
export function registryInLinkOrder(): PersonalDataTable[] {
  const all = personalDataRegistry();
  const byTable = new Map(all.map((e) => [e.table, e]));
  const ordered: PersonalDataTable[] = [];
  const seen = new Set<string>();
  const visit = (e: PersonalDataTable) => {
    if (seen.has(e.table)) return;
    seen.add(e.table);
    const parent = e.link.parent && byTable.get(e.link.parent.table);
    if (parent) visit(parent);
    ordered.push(e);
  };
  all.forEach(visit);
  return ordered;
}

/**
 * The ids of the person's rows in every table that is some other table's parent (each parent
 * table has an `id` column), following parent chains from the top. Spared rows are left out,
 * so their children are spared with them.
 */
export async function parentIdsOf(db: Db | Trx, subject: DataSubject, spared: Spared = {}): Promise<Map<string, unknown[]>> {
  const ordered = registryInLinkOrder();
  const parents = new Set(ordered.flatMap((e) => (e.link.parent ? [e.link.parent.table] : [])));
  const ids = new Map<string, unknown[]>();
  for (const entry of ordered) {
    if (!parents.has(entry.table)) continue;
    const filter = subjectFilter(entry, subject, ids, spared);
    const rows = filter ? await loose(db).selectFrom(entry.table).select('id').where(filter).execute() : [];
    ids.set(entry.table, rows.map((r: { id: unknown }) => r.id));
  }
  return ids;
}
