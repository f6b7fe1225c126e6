import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Column types per dialect, for migrations only. Frozen like the migrations themselves: a
 * change here would rewrite history, so add a new helper instead of editing one.
 */
export function columnTypes(db: Kysely<any>): { time: 'timestamptz' | 'text'; bool: 'boolean' | 'integer'; json: 'jsonb' | 'text' } {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return { time: pg ? 'timestamptz' : 'text', bool: pg ? 'boolean' : 'integer', json: pg ? 'jsonb' : 'text' };
}
