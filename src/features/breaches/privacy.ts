import { definePersonalData } from '../../core/privacy/registry.js';

const KEPT = 'Breach records are evidence of how an incident was handled (HIPAA keeps documentation six years; Florida FIPA asks for it on request).';

definePersonalData(
  {
    table: 'breach_incidents',
    owner: 'breaches',
    subjects: ['staff'],
    purpose: 'The record of a security incident: what happened, when, which data, the notice sent and the site notice.',
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'kept', why: KEPT },
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
    purpose: 'Who was notified of a security incident, and when (the address is read from the account when sending, never copied).',
    lawfulBasis: 'legal_obligation',
    retention: { rule: 'kept', why: KEPT },
    link: { userId: 'user_id' },
    personal: { user_id: 'account', notified_at: 'technical' },
    other: ['id', 'incident_id', 'created_at'],
  },
);
