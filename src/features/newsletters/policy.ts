import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Subscribing, confirming, unsubscribing and choosing lists need no account: the links are signed.
  'newsletter.subscribe': 'public',
  'newsletter.read': 'public',
  // Writing and sending issues is editorial work.
  'newsletter.manage': ['editor'],
  // Who subscribed, with their consent history, is personal data.
  'newsletter.subscribers': ['moderator', 'privacy_officer'],
});
