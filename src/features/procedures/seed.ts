import { readFileSync } from 'node:fs';
import type { Db } from '../../core/db/index.js';
import { projectPath } from '../../core/paths.js';
import { storeImage, type MediaStorage } from '../../core/media/index.js';
import { SAMPLE_GUIDES } from './sample/content.js';
import type { GuideService } from './service.js';
import * as store from './store.js';

/**
 * Loads the sample practice's guides into an empty database: every guide in both languages,
 * figures rasterised from our own SVG drawings, related links, published.
 * Returns the number of guides created (0 when the database already has guides).
 */
export async function loadSampleGuides(db: Db, storage: MediaStorage, guides: GuideService): Promise<number> {
  if ((await store.listGuides(db)).length > 0) return 0;
  const { default: sharp } = await import('sharp');
  const images = new Map<string, string>();
  async function imageFor(file: string): Promise<string> {
    const known = images.get(file);
    if (known) return known;
    const svg = readFileSync(projectPath('src', 'features', 'procedures', 'sample', 'figures', file));
    // The upload pipeline refuses SVG by design; our own drawings are rasterised first.
    const png = await sharp(svg, { density: 144 }).png().toBuffer();
    const stored = await storeImage(db, storage, png, { originalName: file, createdBy: null });
    images.set(file, stored.id);
    return stored.id;
  }

  const ids = new Map<string, string>();
  for (const sample of SAMPLE_GUIDES) {
    // Images first, outside the transaction: SQLite has one connection, which the
    // transaction holds until it ends.
    const figures: { section: number; mediaId: string; alt: string; caption: string }[] = [];
    for (const [index, section] of sample.sections.entries()) {
      for (const f of section.figures ?? []) figures.push({ section: index, mediaId: await imageFor(f.image), alt: f.alt, caption: f.caption });
    }
    const id = await db.transaction().execute(async (trx) => {
      const guideId = await store.insertGuide(trx, { slug: sample.slug, locale: sample.locale, category: sample.category, title: sample.title, summary: sample.summary, actorId: null });
      await store.replaceContent(
        trx,
        guideId,
        await Promise.all(sample.sections.map(async (s) => ({ kind: s.kind, heading: s.heading ?? null, bodyMd: s.body, bodyHtml: await guides.renderBody(s.body, sample.locale) }))),
        figures,
        [],
      );
      return guideId;
    });
    ids.set(`${sample.locale}:${sample.slug}`, id);
  }
  await db.transaction().execute(async (trx) => {
    for (const sample of SAMPLE_GUIDES) {
      const id = ids.get(`${sample.locale}:${sample.slug}`);
      if (!id) continue;
      const related = sample.related.map((slug) => ids.get(`${sample.locale}:${slug}`)).filter((x): x is string => !!x);
      await store.setRelated(trx, id, related);
    }
  });
  for (const id of ids.values()) await guides.setStatus(null, id, 'published');
  return ids.size;
}
