import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  'account.sign_in': 'public',
  // Signing out is always possible, also before enrolling a required second factor.
  'account.sign_out': { grant: 'signed-in', beforeSecondFactor: true },
  'account.setup': 'public',
  // Registration, email verification, password reset: for anyone, answers never tell who has an account.
  'account.register': 'public',
  'account.verify': 'public',
  'account.recover': 'public',
  // One's own account and sessions; the store matches every session id with the actor's user id.
  'account.home': 'signed-in',
  'account.sessions': 'signed-in',
  // One's own preferences (language, newsletter, unblurred sensitive images).
  'account.preferences': 'signed-in',
  // Checking licences and granting the professional role.
  'professionals.verify': ['moderator'],
  'professionals.read': 'public',
});
