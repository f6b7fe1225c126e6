import { definePersonalData } from '../../core/privacy/registry.js';

definePersonalData({
  table: 'professional_profiles',
  owner: 'accounts',
  subjects: ['professional'],
  lawfulBasis: 'contract',
  retention: { rule: 'account' },
  link: { userId: 'user_id' },
  personal: {
    slug: 'identity',
    licence_number: 'identity',
    licence_region: 'identity',
    specialty: 'account',
    board: 'account',
    practice_name: 'account',
    bio: 'content',
    photo_media_id: 'content',
    reason: 'account',
    reviewed_by: 'account',
  },
  other: ['user_id', 'status', 'reviewed_at', 'created_at', 'updated_at'],
});
