import { defineNonPersonalData, definePersonalData } from '../../core/privacy/registry.js';

definePersonalData(
  {
    table: 'guides',
    owner: 'procedures',
    subjects: ['staff'],
    purpose: 'Procedure guides; the last editor is named for accountability.',
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'kept', why: 'Published content stays; the editor is re-attributed on erasure.' },
    link: { userId: 'updated_by' },
    personal: { updated_by: 'account' },
    other: ['id', 'slug', 'locale', 'category', 'title', 'summary', 'status', 'revision', 'published_at', 'created_at', 'updated_at', 'public_doc', 'public_html'],
  },
  {
    table: 'guide_revisions',
    owner: 'procedures',
    subjects: ['staff'],
    purpose: 'Every saved version of a guide, with its author and note.',
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'kept', why: 'The history of published content stays; the author is re-attributed on erasure.' },
    link: { userId: 'author_id' },
    personal: { author_id: 'account', note: 'content' },
    other: ['id', 'guide_id', 'number', 'created_at', 'snapshot'],
  },
);

defineNonPersonalData(
  { table: 'guide_sections', owner: 'procedures', why: 'Educational text written by the practice.', columns: ['id', 'guide_id', 'position', 'kind', 'heading', 'body_md', 'body_html'] },
  { table: 'guide_figures', owner: 'procedures', why: 'Illustrations with their alt text and captions.', columns: ['id', 'guide_id', 'section_id', 'position', 'media_id', 'alt', 'caption'] },
  { table: 'guide_related', owner: 'procedures', why: 'Links between guides.', columns: ['guide_id', 'related_id', 'position'] },
);
