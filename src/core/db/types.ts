/**
 * The database's tables, as Kysely sees them. Each feature adds its own tables by declaration
 * merging in its `tables.ts`, so core never imports a feature:
 *
 *   declare module '../../core/db/types.js' { interface Database { guides: GuidesTable } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

/**
 * Column value types as they travel through Kysely. Times are written as ISO strings (SQLite
 * stores them as text, PostgreSQL as timestamptz and hands back a Date); booleans are written
 * as JS booleans (the SQLite driver wrapper turns them into 0/1); JSON is written as a string. The
 * `read*` helpers in portable.ts turn what comes back into one type on both dialects.
 */
export type DbTime = string | Date;
export type DbBool = boolean | number;
export type DbJson = string | unknown;
