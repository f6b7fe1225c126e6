import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Signing in with a passkey is open to everyone, like the password form.
  'account.passkey_sign_in': 'public',
  // Each person manages their own passkeys; another person's id matches nothing.
  // Open before a second factor exists: a passkey is one way for staff and professionals to enrol.
  'account.passkeys': { grant: 'signed-in', beforeSecondFactor: true },
});
