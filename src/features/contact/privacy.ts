import { definePersonalData } from '../../core/privacy/registry.js';

definePersonalData(
  {
    table: 'contact_messages',
    owner: 'contact',
    subjects: ['correspondent'],
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'days', days: 730, from: 'updated_at' },
    link: { email: 'email' },
    personal: { name: 'identity', email: 'contact', message: 'content', locale: 'preferences' },
    other: ['id', 'topic', 'status', 'assigned_to', 'policy_version', 'created_at', 'updated_at'],
  },
  {
    table: 'contact_entries',
    owner: 'contact',
    subjects: ['correspondent', 'staff'],
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'days', days: 730, from: 'created_at' },
    link: { parent: { table: 'contact_messages', column: 'message_id' } },
    personal: { body: 'content', author_id: 'account' },
    other: ['id', 'message_id', 'kind', 'created_at'],
  },
);
