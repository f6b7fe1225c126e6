import { definePersonalData } from '../privacy/registry.js';

definePersonalData({
  table: 'media',
  owner: 'core/media',
  subjects: ['staff', 'professional'],
  purpose: 'Uploaded images and files: who uploaded them and the name the file had.',
  lawfulBasis: 'contract',
  retention: { rule: 'kept', why: 'Published figures stay with their content; the uploader is re-attributed on erasure.' },
  link: { userId: 'created_by' },
  personal: { original_name: 'content', created_by: 'account' },
  other: ['id', 'kind', 'mime', 'width', 'height', 'bytes', 'variants', 'created_at'],
});
