import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // The public notice of a security incident, while it is published.
  'breaches.read': 'public',
  // Recording incidents, choosing who is affected, sending notices, the site notice.
  'breaches.manage': ['privacy_officer'],
});
