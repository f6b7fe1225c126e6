import { definePermissions } from '../../core/auth/index.js';

/** Site search: anyone searches published content. */
definePermissions({
  'search.read': 'public',
});
