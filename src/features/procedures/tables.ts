import type { DbJson, DbTime } from '../../core/db/types.js';

export interface GuidesTable {
  id: string;
  slug: string;
  locale: string;
  category: string;
  title: string;
  summary: string;
  status: string;
  revision: number;
  published_at: DbTime | null;
  created_at: DbTime;
  updated_at: DbTime;
  updated_by: string | null;
  public_doc: DbJson | null;
  public_html: string | null;
}

export interface GuideSectionsTable {
  id: string;
  guide_id: string;
  position: number;
  kind: string;
  heading: string | null;
  body_md: string;
  body_html: string;
}

export interface GuideFiguresTable {
  id: string;
  guide_id: string;
  section_id: string | null;
  position: number;
  media_id: string | null;
  alt: string;
  caption: string;
}

export interface GuideRelatedTable {
  guide_id: string;
  related_id: string;
  position: number;
}

export interface GuideRevisionsTable {
  id: string;
  guide_id: string;
  number: number;
  author_id: string | null;
  created_at: DbTime;
  note: string;
  snapshot: DbJson;
}

declare module '../../core/db/types.js' {
  interface Database {
    guides: GuidesTable;
    guide_sections: GuideSectionsTable;
    guide_figures: GuideFiguresTable;
    guide_related: GuideRelatedTable;
    guide_revisions: GuideRevisionsTable;
  }
}
