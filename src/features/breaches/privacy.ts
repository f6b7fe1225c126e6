import { definePersonalData } from '../../core/privacy/registry.js';


definePersonalData(
  {
    table: 'breach_incidents',
    owner: 'breaches',
    subjects: ['staff'],
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'kept', sharedWhy: 'breaches' },
    link: { userId: 'created_by' },
    personal: { created_by: 'account' },
    other: [
      'id', 'title', 'description_en', 'description_es', 'actions_en', 'actions_es', 'advice_en', 'advice_es', 'categories', 'scope',
      'occurred_at', 'discovered_at', 'notices_sent_at', 'banner_published_at', 'banner_withdrawn_at', 'created_at', 'updated_at',
    ],
  },
  {
    table: 'breach_recipients',
    owner: 'breaches',
    subjects: ['member', 'professional', 'staff'],
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'kept', sharedWhy: 'breaches' },
    link: { userId: 'user_id' },
    personal: { user_id: 'account', notified_at: 'technical' },
    other: ['id', 'incident_id', 'created_at'],
  },
);
