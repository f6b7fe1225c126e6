import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  'account.sign_in': 'public',
  'account.sign_out': 'signed-in',
  'account.setup': 'public',
  // Registration, email verification, password reset: for anyone, answers never tell who has an account.
  'account.register': 'public',
  'account.verify': 'public',
  'account.recover': 'public',
  // One's own account and sessions; the store matches every session id with the actor's user id.
  'account.home': 'signed-in',
  'account.sessions': 'signed-in',
  // Checking licences and granting the professional role.
  'professionals.verify': ['moderator'],
  'professionals.read': 'public',
});
