import { defineNonPersonalData, definePersonalData } from '../../core/privacy/registry.js';

definePersonalData({
  table: 'shine_requests',
  owner: 'shine-the-light',
  subjects: ['visitor', 'member', 'subscriber'],
  lawfulBasis: 'legal_obligation',
  retention: { rule: 'days', days: 730, from: 'created_at' },
  link: { email: 'email' },
  personal: { name: 'identity', email: 'contact', locale: 'preferences' },
  other: ['id', 'status', 'policy_version', 'confirm_hash', 'confirm_expires_at', 'answer_year', 'answer', 'answered_at', 'created_at'],
});

defineNonPersonalData({
  table: 'marketing_disclosures',
  owner: 'shine-the-light',
  columns: ['id', 'year', 'recipient', 'address', 'categories', 'markets', 'created_at'],
});
