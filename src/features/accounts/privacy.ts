import { definePersonalData } from '../../core/privacy/registry.js';

definePersonalData(
  {
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
  },
  {
    table: 'known_devices',
    owner: 'accounts',
    subjects: ['member', 'professional', 'staff'],
    lawfulBasis: 'legitimate_interests',
    // Erased with the account (its rows go with it); a browser unseen for a year is forgotten and counts as new again.
    retention: { rule: 'days', days: 365, from: 'last_seen_at' },
    link: { userId: 'user_id' },
    personal: { device_hash: 'technical', browser: 'technical', os: 'technical' },
    other: ['user_id', 'first_seen_at', 'last_seen_at'],
  },
);
