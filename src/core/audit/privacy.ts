import { definePersonalData } from '../privacy/registry.js';

definePersonalData({
  table: 'audit_events',
  owner: 'core/audit',
  subjects: ['member', 'professional', 'staff', 'visitor'],
  purpose: 'Evidence of who did what to which record, for security and the law (HIPAA audit controls).',
  lawfulBasis: 'legal_obligation',
  retention: { rule: 'kept', why: 'HIPAA asks for six years of audit records; erasure leaves the events and removes the person from other tables.' },
  link: { userId: 'actor_id' },
  personal: { actor_id: 'account', ip: 'technical', change: 'account' },
  erasure: { action: 'keep', why: 'Append-only evidence: events name accounts by id and never hold a name, address or phone.' },
  other: ['seq', 'id', 'at', 'action', 'target_type', 'target_id', 'request_id', 'prev_hash', 'hash'],
});
