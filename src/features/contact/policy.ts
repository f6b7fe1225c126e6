import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  'contact.send': 'public',
  // Messages hold people's names, addresses and sometimes health questions.
  'contact.manage': ['moderator'],
});
