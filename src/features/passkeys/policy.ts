import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Signing in with a passkey is open to everyone, like the password form.
  'account.passkey_sign_in': 'public',
  // Each person manages their own passkeys; another person's id matches nothing.
  'account.passkeys': 'signed-in',
});
