import { definePersonalData } from '../../core/privacy/registry.js';

definePersonalData(
  {
    table: 'webauthn_credentials',
    owner: 'passkeys',
    subjects: ['member', 'professional', 'staff'],
    lawfulBasis: 'contract',
    retention: { rule: 'account' },
    link: { userId: 'user_id' },
    personal: { public_key: 'credentials', name: 'content', transports: 'technical', last_used_at: 'technical' },
    other: ['id', 'user_id', 'counter', 'backed_up', 'created_at'],
  },
  {
    table: 'webauthn_challenges',
    owner: 'passkeys',
    subjects: ['member', 'professional', 'staff'],
    lawfulBasis: 'contract',
    retention: { rule: 'days', days: 1, from: 'expires_at' },
    link: { userId: 'user_id' },
    personal: {},
    other: ['challenge', 'purpose', 'user_id', 'expires_at'],
  },
);
