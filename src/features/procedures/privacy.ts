import { defineNonPersonalData, definePersonalData } from '../../core/privacy/registry.js';

definePersonalData(
  {
    table: 'guides',
    owner: 'procedures',
    subjects: ['staff'],
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'kept' },
    link: { userId: 'updated_by' },
    personal: { updated_by: 'account' },
    other: ['id', 'slug', 'locale', 'category', 'title', 'summary', 'status', 'revision', 'published_at', 'created_at', 'updated_at', 'public_doc', 'public_html'],
  },
  {
    table: 'guide_revisions',
    owner: 'procedures',
    subjects: ['staff'],
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'kept' },
    link: { userId: 'author_id' },
    personal: { author_id: 'account', note: 'content' },
    other: ['id', 'guide_id', 'number', 'created_at', 'snapshot'],
  },
);

defineNonPersonalData(
  { table: 'guide_sections', owner: 'procedures', columns: ['id', 'guide_id', 'position', 'kind', 'heading', 'body_md', 'body_html'] },
  { table: 'guide_figures', owner: 'procedures', columns: ['id', 'guide_id', 'section_id', 'position', 'media_id', 'alt', 'caption'] },
  { table: 'guide_related', owner: 'procedures', columns: ['guide_id', 'related_id', 'position'] },
);
