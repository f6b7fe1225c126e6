import type { Kysely } from 'kysely';
import type { Db } from '../db/index.js';
import { personalDataRegistry } from './registry.js';

export interface MatchedTable {
  readonly table: string;
  readonly owner: string;
  readonly rows: number;
}

/**
 * Finds, through the registry, how many rows of each table hold data about the person with
 * this email address: rows naming the address, rows of the accounts that use it, and rows
 * hanging off either. What a rights request covers, before anyone exports or erases it.
 */
export async function matchPerson(db: Db, email: string): Promise<MatchedTable[]> {
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const address = email.trim().toLowerCase();
  const userIds = (await db.selectFrom('users').select('id').where('email', '=', address).execute()).map((u) => u.id);
  const registry = personalDataRegistry();
  const rowsOf = new Map<string, Record<string, unknown>[]>();

  /** The person's rows of one table, each once (a row may match by address and by account). */
  async function rows(table: string): Promise<Record<string, unknown>[]> {
    const cached = rowsOf.get(table);
    if (cached) return cached;
    const entry = registry.find((e) => e.table === table);
    const found = new Map<string, Record<string, unknown>>();
    if (entry) {
      const { email: emailColumn, userId, parent } = entry.link;
      const queries = [];
      if (emailColumn) queries.push(loose.selectFrom(table).selectAll().where(emailColumn, '=', address));
      if (userId && userIds.length) queries.push(loose.selectFrom(table).selectAll().where(userId, 'in', userIds));
      if (parent) {
        // Child rows point at their parent's id.
        const parentIds = (await rows(parent.table)).map((r) => r.id).filter((id) => id !== undefined);
        if (parentIds.length) queries.push(loose.selectFrom(table).selectAll().where(parent.column, 'in', parentIds));
      }
      for (const query of queries) for (const row of await query.execute()) found.set(JSON.stringify(row), row);
    }
    const list = [...found.values()];
    rowsOf.set(table, list);
    return list;
  }

  const matched: MatchedTable[] = [];
  for (const entry of registry) {
    const count = (await rows(entry.table)).length;
    if (count) matched.push({ table: entry.table, owner: entry.owner, rows: count });
  }
  return matched;
}
