import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Each person manages their own second factor; nobody else's is reachable.
  'account.two_factor': 'signed-in',
});
