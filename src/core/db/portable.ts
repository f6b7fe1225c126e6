/** Reads a time column: ISO text (SQLite) or Date (PostgreSQL) -> Date. */
export function readTime(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`not a time: ${String(value)}`);
}

export function readTimeOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : readTime(value);
}

/** Reads a boolean column: 0/1 (SQLite) or boolean (PostgreSQL) -> boolean. */
export function readBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** Reads a JSON column: text (SQLite) or parsed jsonb (PostgreSQL) -> value. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Writes JSON for either dialect (PostgreSQL parses the text into jsonb). */
export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}

/** The current time as the stores write it. */
export function nowIso(): string {
  return new Date().toISOString();
}
