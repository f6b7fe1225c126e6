import type { Kysely } from 'kysely';
import type { FieldCipher } from '../crypto/index.js';
import type { Db } from '../db/index.js';
import { type MediaStorage, readObject } from '../media/storage.js';
import { personalDataRegistry } from './registry.js';

export interface ResealReport {
  readonly values: number;
  readonly files: number;
}

/**
 * Key rotation: re-seals, with the current data key, every sealed value and sealed file the
 * registry lists that another key sealed. Rows are read in batches by primary key; a value that
 * changed meanwhile is left for the next run. Safe to run again: what is current is skipped.
 */
export async function resealAll(db: Db, cipher: FieldCipher, storage: MediaStorage, batchSize = 200): Promise<ResealReport> {
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let values = 0;
  let files = 0;
  for (const entry of personalDataRegistry()) {
    if (!entry.sealed) continue;
    const { key, columns = {}, files: fileColumns = {} } = entry.sealed;
    let after: unknown = null;
    for (;;) {
      let query = loose.selectFrom(entry.table).selectAll().orderBy(key).limit(batchSize);
      if (after !== null) query = query.where(key, '>', after);
      const rows = await query.execute();
      for (const row of rows) {
        for (const [column, context] of Object.entries(columns)) {
          const value = row[column];
          if (typeof value !== 'string' || !cipher.needsRotation(value)) continue;
          const result = await loose
            .updateTable(entry.table)
            .set({ [column]: cipher.rotate(value, context(row)) })
            .where(key, '=', row[key])
            .where(column, '=', value)
            .executeTakeFirst();
          values += Number(result.numUpdatedRows);
        }
        for (const [column, context] of Object.entries(fileColumns)) {
          const storageKey = row[column];
          if (typeof storageKey !== 'string') continue;
          const sealed = (await readObject(storage, storageKey))?.toString('utf8');
          if (sealed === undefined || !cipher.needsRotation(sealed)) continue;
          await storage.put(storageKey, Buffer.from(cipher.rotate(sealed, context(row)), 'utf8'));
          files += 1;
        }
      }
      if (rows.length < batchSize) break;
      after = rows.at(-1)![key];
    }
  }
  return { values, files };
}
