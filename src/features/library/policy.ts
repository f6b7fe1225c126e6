import { definePermissions } from '../../core/auth/index.js';

/**
 * The library: anyone reads published items; verified professionals (the role is granted on
 * verification) write their own items and suggest edits to others'; editors and moderators
 * review; only moderators remove published items. Ownership is checked in the service, since
 * it needs the item (a route's action only says who may try).
 */
definePermissions({
  'library.read': 'public',
  'library.contribute': ['professional', 'editor', 'moderator'],
  'library.review': ['editor', 'moderator'],
  'library.remove': ['moderator'],
});
