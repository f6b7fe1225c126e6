import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Everyone, signed in or not, reads and sets their own privacy choices.
  'privacy.center': 'public',
  // Rights requests name people and what they want done with their data.
  'privacy.requests': ['privacy_officer'],
  // One's own rights from one's own page: a copy of one's data, objections, deleting the account.
  'privacy.self': 'signed-in',
});
