import { defineNonPersonalData, definePersonalData } from '../../core/privacy/registry.js';


definePersonalData(
  {
    table: 'library_items',
    owner: 'library',
    subjects: ['professional'],
    lawfulBasis: 'contract',
    retention: { rule: 'kept', sharedWhy: 'library' },
    link: { userId: 'owner_id' },
    personal: { owner_id: 'account', return_reason: 'content' },
    other: ['id', 'slug', 'locale', 'kind', 'title', 'summary', 'body_md', 'body_html', 'refs', 'nudity', 'status', 'revision', 'removal_reason', 'created_at', 'updated_at', 'submitted_at', 'published_at', 'removed_at'],
  },
  {
    table: 'library_item_authors',
    owner: 'library',
    subjects: ['professional'],
    lawfulBasis: 'contract',
    retention: { rule: 'kept', sharedWhy: 'library' },
    link: { userId: 'user_id' },
    personal: { user_id: 'account', name: 'identity' },
    other: ['item_id', 'position'],
  },
  {
    table: 'library_revisions',
    owner: 'library',
    subjects: ['professional', 'staff'],
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'kept', sharedWhy: 'library' },
    link: { userId: 'author_id' },
    personal: { author_id: 'account', summary: 'content' },
    other: ['id', 'item_id', 'number', 'change', 'restored_from', 'snapshot', 'created_at'],
  },
  {
    table: 'library_suggestions',
    owner: 'library',
    subjects: ['professional', 'staff'],
    lawfulBasis: 'legitimate_interests',
    retention: { rule: 'kept', sharedWhy: 'library' },
    link: { userId: 'author_id' },
    personal: { author_id: 'account', decided_by: 'account', note: 'content' },
    other: ['id', 'item_id', 'base_revision', 'snapshot', 'status', 'decided_at', 'created_at'],
  },
  {
    table: 'library_licence_acceptances',
    owner: 'library',
    subjects: ['professional'],
    lawfulBasis: 'contract',
    retention: { rule: 'kept' },
    link: { userId: 'user_id' },
    personal: { user_id: 'account' },
    other: ['id', 'version', 'accepted_at'],
  },
);

defineNonPersonalData(
  { table: 'library_item_procedures', owner: 'library', columns: ['item_id', 'procedure'] },
  { table: 'library_files', owner: 'library', columns: ['id', 'item_id', 'media_id', 'role', 'position', 'alt', 'created_at'] },
);
