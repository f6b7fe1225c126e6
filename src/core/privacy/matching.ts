import type { Db } from '../db/index.js';
import { loose, parentIdsOf, registryInLinkOrder, resolveSubject, subjectFilter } from './subject.js';

export interface MatchedTable {
  readonly table: string;
  readonly owner: string;
  readonly rows: number;
}

/**
 * Finds, through the registry, how many rows of each table hold data about the person with
 * this email address: rows naming the address, rows of the accounts that use it, and rows
 * hanging off either. What a rights request covers, before anyone exports or erases it (the
 * same rows export.ts copies and erasure.ts removes).
 */
export async function matchPerson(db: Db, email: string): Promise<MatchedTable[]> {
  const subject = await resolveSubject(db, { email });
  const parentIds = await parentIdsOf(db, subject);
  const matched: MatchedTable[] = [];
  for (const entry of registryInLinkOrder()) {
    const filter = subjectFilter(entry, subject, parentIds);
    if (!filter) continue;
    const row = await loose(db).selectFrom(entry.table).select((eb) => eb.fn.countAll().as('n')).where(filter).executeTakeFirst();
    const count = Number(row?.n ?? 0);
    if (count) matched.push({ table: entry.table, owner: entry.owner, rows: count });
  }
  return matched;
}
