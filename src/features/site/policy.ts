import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  'site.read': 'public',
});
