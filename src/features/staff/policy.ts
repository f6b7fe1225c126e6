import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Roles decide what everyone else may do: only admins hand them out.
  'people.manage': ['admin'],
  // Marking an account as a minor's erases it: the privacy officer's call (and admins').
  'people.mark_minor': ['privacy_officer'],
  // The audit log names people and what they did: for those who answer for it.
  'audit.read': ['privacy_officer'],
  // Anyone may answer the age question or read why they cannot use the site.
  'age_gate.answer': 'public',
});
