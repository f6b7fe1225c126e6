import { definePersonalData } from '../../core/privacy/registry.js';

definePersonalData(
  {
    table: 'policy_versions',
    owner: 'policies',
    subjects: ['staff'],
    purpose: 'The Terms of Use and Privacy Policy as published, and which staff member wrote each version.',
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'kept', why: 'Every version ever in force is evidence of what people agreed to.' },
    link: { userId: 'created_by' },
    personal: { created_by: 'account' },
    other: ['id', 'document', 'version', 'body_en', 'body_es', 'summary_en', 'summary_es', 'material', 'status', 'effective_at', 'published_at', 'created_at', 'updated_at'],
  },
  {
    table: 'policy_acceptances',
    owner: 'policies',
    subjects: ['member', 'professional', 'staff'],
    purpose: 'Evidence that a person accepted a material change of the terms or the privacy policy, and when.',
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'account' },
    link: { userId: 'user_id' },
    personal: { user_id: 'account', accepted_at: 'consent', version: 'consent' },
    other: ['id', 'document'],
  },
);
