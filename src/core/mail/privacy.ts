import { definePersonalData } from '../privacy/registry.js';

definePersonalData({
  table: 'mail_messages',
  owner: 'core/mail',
  subjects: ['member', 'professional', 'staff', 'subscriber', 'correspondent', 'patient'],
  lawfulBasis: 'legitimate_interests',
  retention: { rule: 'days', days: 365, from: 'created_at' },
  link: { email: 'to_address' },
  personal: { to_address: 'contact', subject: 'content', html: 'content', text: 'content', headers: 'technical', last_error: 'technical' },
  other: ['id', 'category', 'template', 'locale', 'status', 'message_id', 'created_at', 'sent_at'],
});
