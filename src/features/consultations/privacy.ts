import { definePersonalData } from '../../core/privacy/registry.js';
import { sealedAt } from './service.js';

const id = (row: Readonly<Record<string, unknown>>) => String(row.id);

definePersonalData(
  {
    table: 'consultation_requests',
    owner: 'consultations',
    subjects: ['patient'],
    lawfulBasis: 'consent',
    retention: { rule: 'days', days: 730, from: 'updated_at' },
    link: { email: 'email' },
    personal: {
      name: 'identity',
      email: 'contact',
      phone: 'contact',
      preferred_method: 'preferences',
      preferred_times: 'preferences',
      procedures: 'medical',
      message_sealed: 'medical',
      photo_key: 'medical',
      photo_meta: 'medical',
      locale: 'preferences',
    },
    other: ['id', 'status', 'assigned_to', 'policy_version', 'created_at', 'updated_at'],
    sealed: { key: 'id', columns: { message_sealed: (row) => sealedAt.message(id(row)) }, files: { photo_key: (row) => sealedAt.photo(id(row)) } },
  },
  {
    table: 'consultation_notes',
    owner: 'consultations',
    subjects: ['patient', 'staff'],
    lawfulBasis: 'consent',
    retention: { rule: 'days', days: 730, from: 'created_at' },
    link: { parent: { table: 'consultation_requests', column: 'request_id' } },
    personal: { body_sealed: 'medical', author_id: 'account' },
    other: ['id', 'request_id', 'created_at'],
    sealed: { key: 'id', columns: { body_sealed: (row) => sealedAt.note(id(row)) } },
  },
);
