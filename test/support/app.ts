import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppServices } from '../../src/app.js';
import { createSession, createUser, sessionPolicy, SESSION_COOKIE, type Role } from '../../src/core/auth/index.js';
import { loadTestConfig } from '../../src/core/config/index.js';
import { dropSchema } from '../../src/core/db/index.js';

export const ORIGIN = 'http://localhost:3000';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly services: AppServices;
  /** A request as a browser on our own pages would send it (Origin set for non-GET). */
  request(options: InjectOptions & { as?: string }): Promise<LightMyRequestResponse>;
  /** Creates a user with these roles and returns a session cookie value for them. */
  signIn(roles: readonly Role[], email?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A fresh application on a fresh database: SQLite in a temporary directory, or a schema of
 * its own in PostgreSQL when TEST_DATABASE_URL is set (npm run test:pg).
 */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadTestConfig(env);
  const { app, services } = await buildApp(config);
  await app.ready();
  let users = 0;
  return {
    app,
    services,
    request({ as, ...options }) {
      const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
      const method = String(options.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD' && headers.origin === undefined) headers.origin = ORIGIN;
      if (as) headers.cookie = [headers.cookie, `${SESSION_COOKIE}=${as}`].filter(Boolean).join('; ');
      return app.inject({ ...options, headers });
    },
    async signIn(roles, email) {
      users += 1;
      const db = services.db;
      const id = await db.transaction().execute((trx) =>
        createUser(trx, { email: email ?? `user${users}-${Date.now()}@example.test`, name: `Test User ${users}`, password: 'correct horse battery staple', locale: 'en', roles }),
      );
      const session = await createSession(db, id, sessionPolicy(config), 'test');
      return session.token;
    },
    async close() {
      const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
      if (schema) await dropSchema(services.db, schema);
      await app.close();
      await services.db.destroy().catch(() => undefined);
    },
  };
}

/** Form-encodes a body for app.inject. */
export function form(fields: Record<string, string | string[]>): { payload: string; headers: Record<string, string> } {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return { payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
