import { definePersonalData } from '../../core/privacy/registry.js';
import { sealedAt } from './service.js';

definePersonalData(
  {
    table: 'user_totp',
    owner: 'two-factor',
    subjects: ['member', 'professional', 'staff'],
    lawfulBasis: 'contract',
    retention: { rule: 'account' },
    link: { userId: 'user_id' },
    personal: { secret_sealed: 'credentials', pending_secret_sealed: 'credentials' },
    other: ['user_id', 'confirmed_at', 'last_step', 'pending_created_at', 'updated_at'],
    sealed: {
      key: 'user_id',
      columns: { secret_sealed: (row) => sealedAt.secret(String(row.user_id)), pending_secret_sealed: (row) => sealedAt.pending(String(row.user_id)) },
    },
  },
  {
    table: 'user_recovery_codes',
    owner: 'two-factor',
    subjects: ['member', 'professional', 'staff'],
    lawfulBasis: 'contract',
    retention: { rule: 'account' },
    link: { userId: 'user_id' },
    personal: { code_hash: 'credentials' },
    other: ['id', 'user_id', 'used_at', 'created_at'],
  },
);
