import type { DbBool, DbJson, DbTime } from '../db/types.js';

export interface MediaTable {
  id: string;
  /** image | video | pdf */
  kind: string;
  mime: string;
  width: number | null;
  height: number | null;
  bytes: number;
  /** Web image variants (an image's, a video's poster, a PDF's page-1 thumbnail). */
  variants: DbJson;
  original_name: string | null;
  created_by: string | null;
  created_at: DbTime;
  /** The stored video or PDF itself; null for images. */
  file_key: string | null;
  duration_ms: number | null;
  pages: number | null;
  /** A PDF's text for search, at most MAX_PDF_TEXT characters. */
  text_content: string | null;
  placeholder: string | null;
  is_private: DbBool;
}

declare module '../db/types.js' {
  interface Database {
    media: MediaTable;
  }
}
