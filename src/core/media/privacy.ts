import { definePersonalData } from '../privacy/registry.js';

definePersonalData({
  table: 'media',
  owner: 'core/media',
  subjects: ['staff', 'professional'],
  lawfulBasis: 'contract',
  retention: { rule: 'kept' },
  link: { userId: 'created_by' },
  // A PDF's text is the author's work (and may name people): treated as content like the file name.
  personal: { original_name: 'content', created_by: 'account', text_content: 'content' },
  // The PDF's text stays searchable with the published document; who uploaded it and the file's name go.
  erasure: { action: 'minimise', columns: ['created_by', 'original_name'] },
  other: ['id', 'kind', 'mime', 'width', 'height', 'bytes', 'variants', 'created_at', 'file_key', 'duration_ms', 'pages', 'placeholder', 'is_private'],
});
