import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  'admin.dashboard': ['editor', 'moderator', 'privacy_officer'],
  // Jobs carry other features' payloads (emails, exports): operators only.
  'jobs.manage': ['admin'],
  // Emails hold people's names and addresses: the outbox is for operators only.
  'mail.outbox': ['admin'],
});
