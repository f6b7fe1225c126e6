import { definePersonalData } from '../../core/privacy/registry.js';

definePersonalData(
  {
    table: 'policy_versions',
    owner: 'policies',
    subjects: ['staff'],
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'kept' },
    link: { userId: 'created_by' },
    personal: { created_by: 'account' },
    other: ['id', 'document', 'version', 'body_en', 'body_es', 'summary_en', 'summary_es', 'material', 'status', 'effective_at', 'published_at', 'created_at', 'updated_at'],
  },
  {
    table: 'policy_acceptances',
    owner: 'policies',
    subjects: ['member', 'professional', 'staff'],
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'account' },
    link: { userId: 'user_id' },
    personal: { user_id: 'account', accepted_at: 'consent', version: 'consent' },
    other: ['id', 'document'],
  },
);
