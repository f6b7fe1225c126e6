import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { deleteExpiredSessions, deleteStaleInvites, deleteStaleTokens, sessionPolicy, throttle } from '../../core/auth/index.js';

/**
 * Housekeeping: expired sessions, old set-up and emailed links, and old sign-in failure counts
 * are deleted every night, so the tables
 * hold only what can still be used (and nothing is kept longer than it is needed).
 */
export function defineAccountJobs({ jobs, db, config }: Pick<AppServices, 'jobs' | 'db' | 'config'>): void {
  jobs.define({
    name: 'accounts.purge_expired',
    schema: z.object({}),
    maxAttempts: 3,
    async handler(_payload, { log }) {
      const now = new Date();
      const policy = sessionPolicy(config);
      const sessions = await deleteExpiredSessions(db, now, policy.idleMs, policy.rememberIdleMs);
      const invites = await deleteStaleInvites(db, now);
      const tokens = await deleteStaleTokens(db, now);
      const throttles = await throttle.deleteStaleThrottles(db, now);
      log.info({ sessions, invites, tokens, throttles }, 'purged expired sessions, set-up links, emailed links and sign-in counts');
    },
  });
  jobs.schedule('accounts.purge_expired.nightly', '23 3 * * *', 'accounts.purge_expired');
}
