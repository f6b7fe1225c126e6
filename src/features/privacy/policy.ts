import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Everyone, signed in or not, reads and sets their own privacy choices.
  'privacy.center': 'public',
});
