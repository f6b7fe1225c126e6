import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Anyone may ask; the answer goes to the address that confirms the request.
  'shine.request': 'public',
  // The register of disclosures for third parties' direct marketing.
  'shine.register': ['privacy_officer'],
});
