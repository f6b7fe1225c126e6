import { definePersonalData } from '../../core/privacy/registry.js';

definePersonalData({
  table: 'cookie_consents',
  owner: 'privacy',
  subjects: ['visitor', 'member', 'professional', 'staff'],
  purpose: 'Evidence of each cookie choice: the categories, when, under which policy, and any opt-out signal.',
  lawfulBasis: 'legal_obligation',
  retention: { rule: 'days', days: 730, from: 'created_at' },
  link: {},
  personal: { consent_id: 'technical', preferences: 'consent', analytics: 'consent', advertising: 'consent', opt_out_signal: 'consent' },
  other: ['id', 'policy_version', 'created_at'],
});
