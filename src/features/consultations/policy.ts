import { definePermissions } from '../../core/auth/index.js';

definePermissions({
  // Anyone may ask for a consultation, signed in or not.
  'consultation.request': 'public',
  // Requests hold medical information (the message, a photo): only the staff who answer them.
  // The admin holds every permission; the staff notification email goes to exactly these roles.
  'consultation.manage': ['moderator'],
});
