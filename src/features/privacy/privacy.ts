import { definePersonalData } from '../../core/privacy/registry.js';

definePersonalData(
  {
    table: 'privacy_requests',
    owner: 'privacy',
    subjects: ['member', 'professional', 'subscriber', 'correspondent', 'patient', 'visitor'],
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'days', days: 730, from: 'updated_at' },
    link: { email: 'email' },
    personal: { name: 'identity', email: 'contact', details: 'content', locale: 'preferences' },
    // Proof that a request was answered in time outlives the person's data: kept without who asked.
    erasure: { action: 'minimise' },
    other: ['id', 'kind', 'jurisdiction', 'status', 'confirm_hash', 'confirm_expires_at', 'confirmed_at', 'due_at', 'closed_at', 'policy_version', 'created_at', 'updated_at'],
  },
  {
    table: 'privacy_request_entries',
    owner: 'privacy',
    subjects: ['member', 'professional', 'subscriber', 'correspondent', 'patient', 'visitor', 'staff'],
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'days', days: 730, from: 'created_at' },
    link: { parent: { table: 'privacy_requests', column: 'request_id' } },
    personal: { body: 'content', author_id: 'account' },
    erasure: { action: 'minimise', columns: ['body'] },
    other: ['id', 'request_id', 'kind', 'created_at'],
  },
);

definePersonalData({
  table: 'cookie_consents',
  owner: 'privacy',
  subjects: ['visitor', 'member', 'professional', 'staff'],
  lawfulBasis: 'legal_obligation',
  retention: { rule: 'days', days: 730, from: 'created_at' },
  link: {},
  personal: { consent_id: 'technical', preferences: 'consent', analytics: 'consent', advertising: 'consent', opt_out_signal: 'consent' },
  other: ['id', 'policy_version', 'created_at'],
});

definePersonalData({
  table: 'privacy_exports',
  owner: 'privacy',
  subjects: ['member', 'professional', 'staff', 'subscriber', 'correspondent', 'patient'],
  lawfulBasis: 'legal_obligation',
  retention: { rule: 'days', days: 7, from: 'expires_at' },
  link: { userId: 'user_id', email: 'email' },
  personal: { email: 'contact', file_key: 'content', locale: 'preferences' },
  files: ['file_key'],
  other: ['id', 'user_id', 'request_id', 'status', 'token_hash', 'bytes', 'created_at', 'ready_at', 'expires_at'],
});
