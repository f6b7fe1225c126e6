import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  'admin.dashboard': ['editor', 'moderator', 'privacy_officer'],
});
