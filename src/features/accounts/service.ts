import { recordAudit } from '../../core/audit/index.js';
import * as auth from '../../core/auth/index.js';
import type { Db } from '../../core/db/index.js';
import { ConflictError } from '../../core/errors.js';

/** Staff sign-in and the one-time set-up links (issue 3 grows this into full accounts). */
export class AccountService {
  constructor(private readonly db: Db, private readonly policy: auth.SessionPolicy) {}

  /** Checks credentials and opens a fresh session (a new id at every sign-in). */
  async signIn(email: string, password: string, userAgent: string | null): Promise<{ token: string; expiresAt: Date } | null> {
    const user = await auth.checkCredentials(this.db, email, password);
    return this.db.transaction().execute(async (trx) => {
      if (!user) {
        // No email in the record: the attempt is audited without personal data.
        await recordAudit(trx, 'auth.sign_in_failed', null, undefined, null);
        return null;
      }
      const session = await auth.createSession(trx, user.id, this.policy, userAgent);
      await recordAudit(trx, 'auth.sign_in', { type: 'user', id: user.id }, undefined, user.id);
      return session;
    });
  }

  async signOut(sessionId: string, userId: string): Promise<void> {
    await auth.revokeSession(this.db, sessionId);
    await this.db.transaction().execute((trx) => recordAudit(trx, 'auth.sign_out', { type: 'user', id: userId }, undefined, userId));
  }

  findInvite(token: string): ReturnType<typeof auth.findUsableInvite> {
    return auth.findUsableInvite(this.db, token);
  }

  /** Creates the staff account an invite names, once; then signs the person in. */
  async acceptInvite(token: string, input: { name: string; email: string; password: string; locale: string }, userAgent: string | null): Promise<{ token: string; expiresAt: Date } | null> {
    return this.db.transaction().execute(async (trx) => {
      const invite = await auth.findUsableInvite(trx, token);
      if (!invite || !(await auth.markInviteUsed(trx, invite.id))) return null;
      if (await auth.findUserByEmail(trx, input.email)) throw new ConflictError('email_taken');
      const userId = await auth.createUser(trx, { ...input, roles: invite.roles });
      await recordAudit(trx, 'auth.staff_created', { type: 'user', id: userId }, { roles: invite.roles }, userId);
      return auth.createSession(trx, userId, this.policy, userAgent);
    });
  }
}
