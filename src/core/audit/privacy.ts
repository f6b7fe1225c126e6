import { definePersonalData } from '../privacy/registry.js';

definePersonalData({
  table: 'audit_events',
  owner: 'core/audit',
  subjects: ['member', 'professional', 'staff', 'visitor'],
  lawfulBasis: 'legal_obligation',
  retention: { rule: 'kept' },
  link: { userId: 'actor_id' },
  personal: { actor_id: 'account', ip: 'technical', change: 'account' },
  erasure: { action: 'keep' },
  other: ['seq', 'id', 'at', 'action', 'target_type', 'target_id', 'request_id', 'prev_hash', 'hash'],
});
