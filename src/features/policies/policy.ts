import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // The texts in force, their earlier versions, and dismissing the notice of a new one.
  'policies.read': 'public',
  // Accepting a material change: only a signed-in person has something to accept.
  'policies.accept': 'signed-in',
  // Writing and publishing new versions of the legal texts.
  'policies.manage': ['privacy_officer'],
  // The retention job's runs and running it now.
  'retention.manage': ['privacy_officer'],
});
