import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { deleteExpiredSessions, deleteStaleInvites, sessionPolicy } from '../../core/auth/index.js';

/**
 * Housekeeping: expired sessions and old set-up links are deleted every night, so the tables
 * hold only what can still be used (and nothing is kept longer than it is needed).
 */
export function defineAccountJobs({ jobs, db, config }: Pick<AppServices, 'jobs' | 'db' | 'config'>): void {
  jobs.define({
    name: 'accounts.purge_expired',
    schema: z.object({}),
    maxAttempts: 3,
    async handler(_payload, { log }) {
      const now = new Date();
      const sessions = await deleteExpiredSessions(db, now, sessionPolicy(config).idleMs);
      const invites = await deleteStaleInvites(db, now);
      log.info({ sessions, invites }, 'purged expired sessions and set-up links');
    },
  });
  jobs.schedule('accounts.purge_expired.nightly', '23 3 * * *', 'accounts.purge_expired');
}
