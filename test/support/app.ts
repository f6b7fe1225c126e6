import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppServices } from '../../src/app.js';
import { createSession, createUser, secondFactorRequired, sessionPolicy, SESSION_COOKIE, type Role } from '../../src/core/auth/index.js';
import { newTotpSecret, totpCode, totpStep } from '../../src/core/auth/totp.js';
import { sealedAt } from '../../src/features/two-factor/service.js';
import * as totpStore from '../../src/features/two-factor/store.js';
import { loadTestConfig } from '../../src/core/config/index.js';
import { dropSchema } from '../../src/core/db/index.js';

export const ORIGIN = 'http://localhost:3000';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly services: AppServices;
  /** A request as a browser on our own pages would send it (Origin set for non-GET). */
  request(options: InjectOptions & { as?: string }): Promise<LightMyRequestResponse>;
  /**
   * Creates a user with these roles and returns a session cookie value for them. The session has
   * passed the second factor; staff and professionals get an authenticator app set up (its
   * codes come from `totpCode`), as the rule for their roles requires.
   */
  signIn(roles: readonly Role[], email?: string): Promise<string>;
  /** The current authenticator code of a user made by `signIn` with staff or professional roles. */
  totpCode(email: string, step?: number): string;
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
  const secrets = new Map<string, string>();
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
      const address = (email ?? `user${users}-${Date.now()}@example.test`).trim().toLowerCase();
      const id = await db.transaction().execute((trx) =>
        createUser(trx, { email: address, name: `Test User ${users}`, password: 'correct horse battery staple', locale: 'en', roles }),
      );
      if (secondFactorRequired(roles)) {
        // Enrolled straight in the store (no audit event): tests that count events see only their own.
        const secret = newTotpSecret();
        await totpStore.savePending(db, id, services.cipher.encrypt(secret, sealedAt.pending(id)));
        await totpStore.confirm(db, id, services.cipher.encrypt(secret, sealedAt.secret(id)), 0);
        secrets.set(address, secret);
      }
      const session = await createSession(db, id, sessionPolicy(config), 'test', false, true);
      return session.token;
    },
    totpCode(email, step = totpStep()) {
      const secret = secrets.get(email.trim().toLowerCase());
      if (!secret) throw new Error(`no authenticator set up for ${email}`);
      return totpCode(secret, step);
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
