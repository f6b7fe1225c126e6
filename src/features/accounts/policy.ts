import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  'account.sign_in': 'public',
  'account.sign_out': 'signed-in',
  'account.setup': 'public',
});
