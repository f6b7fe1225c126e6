import { sql } from 'kysely';
import { type AuditAction, type AuditTarget, recordAudit } from '../audit/index.js';
import { type Db, dialectOf, type Trx } from '../db/index.js';
import { storageKeysOf } from '../media/index.js';
import type { MediaStorage } from '../media/storage.js';
import { erasureOf, type PersonalDataTable } from './registry.js';
import { type DataSubject, loose, parentIdsOf, registryInLinkOrder, type Spared, subjectFilter } from './subject.js';

export interface ErasureReport {
  /** Rows deleted, by table (tables with none left out). */
  readonly deleted: Readonly<Record<string, number>>;
  /** Rows kept with their personal columns emptied, by table. */
  readonly minimised: Readonly<Record<string, number>>;
  /** Objects removed from storage. */
  readonly files: number;
}

interface ColumnInfo {
  readonly nullable: boolean;
  readonly text: boolean;
}

/** Whether each column of a table accepts null, and whether it holds text (in the current schema). */
async function columnsOf(trx: Trx, table: string): Promise<Map<string, ColumnInfo>> {
  if (dialectOf(trx) === 'postgres') {
    const rows = await sql<{ name: string; is_nullable: string; data_type: string }>`
      select column_name as name, is_nullable, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`.execute(trx);
    return new Map(rows.rows.map((r) => [r.name, { nullable: r.is_nullable === 'YES', text: /text|char/.test(r.data_type) }]));
  }
  const rows = await sql<{ name: string; notnull: number; type: string }>`select name, "notnull", type from pragma_table_info(${table})`.execute(trx);
  return new Map(rows.rows.map((r) => [r.name, { nullable: r.notnull === 0, text: /text|char/i.test(r.type) }]));
}

/**
 * Erases a person, table by table as the registry says, inside the caller's transaction:
 * rows kept by law or for the integrity of published content are minimised (their personal
 * columns emptied: content stays, attributed to nobody, which views show as "former member"),
 * every other row tied to the person is deleted (sessions included, so they are signed out
 * everywhere), as are the files their deleted rows held: sealed files and their own uploads
 * that only those rows used. Returns what was done and the storage keys to remove once the
 * transaction has committed (storage is not transactional).
 */
export async function eraseSubjectRows(trx: Trx, subject: DataSubject, spared: Spared = {}): Promise<{ report: ErasureReport; fileKeys: string[] }> {
  const ordered = registryInLinkOrder();
  const parentIds = await parentIdsOf(trx, subject, spared);
  const deleted: Record<string, number> = {};
  const minimised: Record<string, number> = {};
  const fileKeys: string[] = [];
  const mediaIds = new Set<string>();

  const plan = ordered.map((entry) => ({ entry, rule: erasureOf(entry), filter: subjectFilter(entry, subject, parentIds, spared) }));

  // What deleted rows point at (sealed files, the person's uploads), read before anything changes.
  for (const { entry, rule, filter } of plan) {
    if (!filter || rule.action !== 'delete') continue;
    const fileColumns = [...Object.keys(entry.sealed?.files ?? {}), ...(entry.files ?? [])];
    const mediaColumns = [...Object.keys(entry.personal), ...entry.other].filter((c) => c.endsWith('media_id'));
    if (!fileColumns.length && !mediaColumns.length) continue;
    const rows: Record<string, unknown>[] = await loose(trx).selectFrom(entry.table).select([...fileColumns, ...mediaColumns]).where(filter).execute();
    for (const row of rows) {
      for (const c of fileColumns) if (typeof row[c] === 'string') fileKeys.push(row[c]);
      for (const c of mediaColumns) if (typeof row[c] === 'string') mediaIds.add(row[c]);
    }
  }
  const ownMedia = mediaIds.size && subject.userIds.length
    ? await loose(trx).selectFrom('media').select(['id', 'file_key', 'variants']).where('id', 'in', [...mediaIds]).where('created_by', 'in', subject.userIds).execute()
    : [];

  // Minimise first: deleting the account would otherwise null the link that finds these rows.
  for (const { entry, rule, filter } of plan) {
    if (!filter || rule.action !== 'minimise') continue;
    const info = await columnsOf(trx, entry.table);
    const set: Record<string, string | null> = {};
    for (const column of rule.columns ?? Object.keys(entry.personal)) {
      const c = info.get(column);
      if (!c) continue;
      if (c.nullable) set[column] = null;
      else if (c.text) set[column] = '';
    }
    if (!Object.keys(set).length) continue;
    const result = await loose(trx).updateTable(entry.table).set(set).where(filter).executeTakeFirst();
    const n = Number(result.numUpdatedRows);
    if (n) minimised[entry.table] = n;
  }

  // Then delete, children before parents and the account last (its row is what others point at).
  const deletions = plan.filter((p) => p.filter && p.rule.action === 'delete').reverse();
  const last = (e: PersonalDataTable) => (e.table === 'users' ? 1 : 0);
  deletions.sort((a, b) => last(a.entry) - last(b.entry));
  for (const { entry, filter } of deletions) {
    const result = await loose(trx).deleteFrom(entry.table).where(filter!).executeTakeFirst();
    const n = Number(result.numDeletedRows);
    if (n) deleted[entry.table] = (deleted[entry.table] ?? 0) + n;
  }

  if (ownMedia.length) {
    const result = await loose(trx).deleteFrom('media').where('id', 'in', ownMedia.map((m: { id: string }) => m.id)).executeTakeFirst();
    deleted.media = (deleted.media ?? 0) + Number(result.numDeletedRows);
    for (const m of ownMedia) fileKeys.push(...storageKeysOf(m));
  }
  return { report: { deleted, minimised, files: fileKeys.length }, fileKeys };
}

/**
 * Erases a person in one transaction, audited with the counts of what went (never what it
 * held), then removes their files from storage. Running it again finds nothing and does nothing
 * but record that it ran.
 */
export async function erasePerson(
  db: Db,
  storage: MediaStorage,
  subject: DataSubject,
  audit: { readonly action: AuditAction; readonly target: AuditTarget | null; readonly actorId: string | null; readonly extra?: Readonly<Record<string, unknown>> },
  spared: Spared = {},
): Promise<ErasureReport> {
  const { report, fileKeys } = await db.transaction().execute(async (trx) => {
    const result = await eraseSubjectRows(trx, subject, spared);
    await recordAudit(trx, audit.action, audit.target, { ...audit.extra, deleted: result.report.deleted, minimised: result.report.minimised, files: result.report.files }, audit.actorId);
    return result;
  });
  // The rows are gone first: a failure here leaves only bytes nothing points to.
  for (const key of fileKeys) await storage.remove(key).catch(() => undefined);
  return report;
}
