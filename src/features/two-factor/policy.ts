import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Each person manages their own second factor; nobody else's is reachable.
  // Open before a second factor exists: this is where staff and professionals enrol.
  'account.two_factor': { grant: 'signed-in', beforeSecondFactor: true },
  // The second step of signing in happens before there is a session.
  'account.second_factor': 'public',
});
