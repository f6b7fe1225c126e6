import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  'admin.dashboard': ['editor', 'moderator', 'privacy_officer'],
  // Jobs carry other features' payloads (emails, exports): operators only.
  'jobs.manage': ['admin'],
});
