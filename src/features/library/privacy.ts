import { defineNonPersonalData, definePersonalData } from '../../core/privacy/registry.js';

const KEPT = 'Published library content stays (removal leaves a tombstone); the person is re-attributed on erasure.';

definePersonalData(
  {
    table: 'library_items',
    owner: 'library',
    subjects: ['professional'],
    purpose: 'Library items and the professional who uploaded them; a return reason is written to that professional.',
    lawfulBasis: 'contract',
    retention: { rule: 'kept', why: KEPT },
    link: { userId: 'owner_id' },
    personal: { owner_id: 'account', return_reason: 'content' },
    other: ['id', 'slug', 'locale', 'kind', 'title', 'summary', 'body_md', 'body_html', 'refs', 'nudity', 'status', 'revision', 'removal_reason', 'created_at', 'updated_at', 'submitted_at', 'published_at', 'removed_at'],
  },
  {
    table: 'library_item_authors',
    owner: 'library',
    subjects: ['professional'],
    purpose: 'Authors named on a library item (professionals of the site and external authors by name).',
    lawfulBasis: 'contract',
    retention: { rule: 'kept', why: KEPT },
    link: { userId: 'user_id' },
    personal: { user_id: 'account', name: 'identity' },
    other: ['item_id', 'position'],
  },
  {
    table: 'library_revisions',
    owner: 'library',
    subjects: ['professional', 'staff'],
    purpose: 'Every saved version of a published library item, with its author and summary. Snapshots name Sutura authors by account id only; their names are read from the account when shown.',
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'kept', why: KEPT },
    link: { userId: 'author_id' },
    personal: { author_id: 'account', summary: 'content' },
    other: ['id', 'item_id', 'number', 'change', 'restored_from', 'snapshot', 'created_at'],
  },
  {
    table: 'library_suggestions',
    owner: 'library',
    subjects: ['professional', 'staff'],
    purpose: 'Edits suggested by professionals other than the author, and who accepted or rejected them.',
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'kept', why: KEPT },
    link: { userId: 'author_id' },
    personal: { author_id: 'account', decided_by: 'account', note: 'content' },
    other: ['id', 'item_id', 'base_revision', 'snapshot', 'status', 'decided_at', 'created_at'],
  },
  {
    table: 'library_licence_acceptances',
    owner: 'library',
    subjects: ['professional'],
    purpose: 'Proof that an uploader accepted the content licence, and which version.',
    lawfulBasis: 'contract',
    retention: { rule: 'kept', why: 'The licence granted for published content outlives the account that granted it.' },
    link: { userId: 'user_id' },
    personal: { user_id: 'account' },
    other: ['id', 'version', 'accepted_at'],
  },
);

defineNonPersonalData(
  { table: 'library_item_procedures', owner: 'library', why: 'Which procedures (guide slugs) an item concerns.', columns: ['item_id', 'procedure'] },
  { table: 'library_files', owner: 'library', why: 'Which media files belong to an item, with their alt text.', columns: ['id', 'item_id', 'media_id', 'role', 'position', 'alt', 'created_at'] },
);
