import { definePermissions } from '../../core/auth/index.js';

/** Guides: anyone reads published guides; editors (and admins) write them. */
definePermissions({
  'guides.read': 'public',
  'guides.manage': ['editor'],
  'guides.publish': ['editor'],
  'guides.import': ['editor'],
  'guides.delete': ['admin'],
});
