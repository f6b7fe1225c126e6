import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Each person manages their own second factor; nobody else's is reachable.
  'account.two_factor': 'signed-in',
  // The second step of signing in happens before there is a session.
  'account.second_factor': 'public',
});
