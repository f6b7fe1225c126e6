// The search conformance suite: the same tests on SQLite (`node scripts/test.mjs unit search`)
// and PostgreSQL (`npm run test:pg search`).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialectOf } from '../db/index.js';
import { CANDIDATES, type SearchDocument, type SearchIndex, searchIndex } from './index.js';

let t: TestApp;
let index: SearchIndex;

function doc(id: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  return {
    type: 'guide',
    id,
    locale: 'en',
    title: `Untitled ${id}`,
    summary: '',
    body: 'Plain words about nothing in particular.',
    url: `/guides/${id}`,
    facets: {},
    publishedAt: new Date('2026-01-01T00:00:00Z'),
    ...fields,
  };
}

async function put(...docs: SearchDocument[]): Promise<void> {
  await t.services.db.transaction().execute(async (trx) => {
    for (const d of docs) await index.upsert(trx, d);
  });
}

const ids = async (text: string, options: Partial<Parameters<SearchIndex['search']>[0]> = {}): Promise<string[]> =>
  (await index.search({ text, locale: 'en', ...options })).hits.map((h) => h.id);

before(async () => {
  t = await buildTestApp();
  index = searchIndex(t.services.db);
  await put(
    doc('rhino', { title: 'Rhinoplasty', summary: 'Reshaping the nose.', body: 'Surgeons reshape the nose; swelling settles over months. Breathing improves for many patients.', facets: { procedure: ['rhinoplasty'] } }),
    doc('lift', { title: 'Facelift', summary: 'Lifting the face and neck.', body: 'A facelift tightens the neck. Patients mention rhinoplasty as a separate procedure.', facets: { procedure: ['facelift'] } }),
    doc('study', { type: 'library', title: 'Outcomes after nasal surgery', body: 'A study of 400 rhinoplasty patients and their recovery.', facets: { kind: 'study', procedure: ['rhinoplasty'], author: ['dr-lee'] } }),
    doc('paper', { type: 'library', title: 'Anesthesia in outpatient surgery', body: 'A white paper on sedation and anesthesia.', facets: { kind: 'white-paper', procedure: ['facelift'] } }),
    doc('rino-es', { locale: 'es', title: 'Rinoplastia', summary: 'Cambiar la forma de la nariz.', body: 'Las cirugías de nariz mejoran la respiración. La recuperación dura semanas.', url: '/es/guides/rinoplastia' }),
    doc('parpados-es', { locale: 'es', title: 'Cirugía de párpados', summary: 'Blefaroplastia.', body: 'La operación de los párpados superiores.', url: '/es/guides/parpados' }),
  );
});
after(() => t.close());

describe(`search conformance (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  test('the index matches the dialect', () => {
    assert.equal(dialectOf(t.services.db), process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');
  });

  test('English stemming: plural and inflected forms find each other', async () => {
    assert.deepEqual((await ids('surgeons reshaping')).sort(), ['rhino']);
    assert.ok((await ids('patient')).includes('study'));
    assert.ok((await ids('swell')).includes('rhino'));
  });

  test('Spanish stemming: cirugía finds cirugías, operaciones finds operación', async () => {
    // The title match (Cirugía) first, then the body match (cirugías).
    assert.deepEqual(await ids('cirugía', { locale: 'es' }), ['parpados-es', 'rino-es']);
    assert.deepEqual(await ids('operaciones', { locale: 'es' }), ['parpados-es']);
    assert.deepEqual(await ids('recuperaciones', { locale: 'es' }), ['rino-es']);
    // Languages are apart: an English search does not return Spanish pages.
    assert.deepEqual(await ids('rinoplastia'), []);
  });

  test('accents are optional: either spelling finds the other, stems and prefixes too', async () => {
    await put(
      doc('menton-es', { locale: 'es', title: 'Mentoplastia', body: 'La cirugia del menton, escrita sin tildes: parpados y nariz.', url: '/es/guides/menton' }),
      doc('cafe', { title: 'Recovery at the café', body: 'A café crème answers the naïve question.' }),
    );
    const es = async (text: string, prefix = false): Promise<string[]> => (await ids(text, { locale: 'es', prefix })).sort();
    try {
      // Typed without accents, found with them, and the other way round; forms still meet.
      for (const text of ['cirugia', 'cirugía', 'cirugias', 'cirugías']) assert.deepEqual(await es(text), ['menton-es', 'parpados-es', 'rino-es'], text);
      for (const text of ['parpados', 'párpados', 'parpado', 'párpado']) assert.deepEqual(await es(text), ['menton-es', 'parpados-es'], text);
      assert.deepEqual(await es('mentón'), ['menton-es']);
      assert.deepEqual(await es('rinoplastía'), ['rino-es']);
      assert.deepEqual(await es('operacion'), ['parpados-es']);
      assert.deepEqual(await es('respiracion'), ['rino-es']);
      // Search as you type: the unfinished word, with or without its accent.
      for (const text of ['cirug', 'cirugi', 'cirugí', 'cirugia', 'cirugía']) assert.deepEqual(await es(text, true), ['menton-es', 'parpados-es', 'rino-es'], text);
      for (const text of ['párp', 'parp', 'parpad']) assert.deepEqual(await es(text, true), ['menton-es', 'parpados-es'], text);
      assert.deepEqual(await es('nariz menton', true), ['menton-es']);
      // English: the same folding.
      for (const text of ['cafe', 'café', 'CAFE', 'naive', 'creme']) assert.deepEqual(await ids(text), ['cafe'], text);
      assert.deepEqual(await ids('caf', { prefix: true }), ['cafe']);
    } finally {
      await t.services.db.transaction().execute(async (trx) => {
        await index.remove(trx, 'guide', 'menton-es');
        await index.remove(trx, 'guide', 'cafe');
      });
    }
  });

  test('highlighting marks the word as the document writes it, for a query typed without accents', async () => {
    const found = await index.search({ text: 'cirugia parpados', locale: 'es' });
    const parpados = found.hits.find((h) => h.id === 'parpados-es');
    assert.ok(parpados);
    assert.equal(parpados.titleHtml, '<mark>Cirugía</mark> de <mark>párpados</mark>');
    assert.match(parpados.snippetHtml, /de los <mark>párpados<\/mark> superiores/);
    const typing = await index.search({ text: 'parp', locale: 'es', prefix: true });
    assert.equal(typing.hits.find((h) => h.id === 'parpados-es')?.titleHtml, 'Cirugía de <mark>párpados</mark>');
    const rino = (await index.search({ text: 'cirugia', locale: 'es' })).hits.find((h) => h.id === 'rino-es');
    assert.match(rino?.snippetHtml ?? '', /Las <mark>cirugías<\/mark> de nariz/);
  });

  test('ranking: a title match beats a body match', async () => {
    const found = await ids('rhinoplasty');
    assert.equal(found[0], 'rhino');
    assert.ok(found.indexOf('lift') > 0);
  });

  test('snippets are escaped and mark the words', async () => {
    await put(doc('xss', { title: 'Scar <b>care</b>', body: 'Scar massage helps. <script>alert(1)</script> & more scars later.' }));
    const hit = (await index.search({ text: 'scars', locale: 'en' })).hits.find((h) => h.id === 'xss');
    assert.ok(hit);
    assert.match(hit.snippetHtml, /<mark>Scar<\/mark>/);
    assert.match(hit.snippetHtml, /<mark>scars<\/mark>/);
    assert.ok(!hit.snippetHtml.includes('<script>'));
    assert.ok(hit.snippetHtml.includes('&lt;script&gt;'));
    assert.equal(hit.titleHtml, '<mark>Scar</mark> &lt;b&gt;care&lt;/b&gt;');
  });

  test('filters: type, kind and procedure', async () => {
    assert.deepEqual((await ids('rhinoplasty', { type: 'library' })).sort(), ['study']);
    assert.deepEqual((await ids('rhinoplasty', { type: 'guide' })).sort(), ['lift', 'rhino']);
    assert.deepEqual(await ids('surgery', { kind: 'white-paper' }), ['paper']);
    assert.deepEqual((await ids('patients', { procedure: 'rhinoplasty' })).sort(), ['rhino', 'study']);
    assert.deepEqual(await ids('patients', { procedure: 'no-such-procedure' }), []);
    assert.deepEqual(await ids('patients', { kind: '***' }), []);
  });

  test('search as you type: the last word is a prefix', async () => {
    assert.ok((await ids('rhinopl', { prefix: true })).includes('rhino'));
    assert.deepEqual(await ids('rhinopl'), []);
    assert.ok((await ids('nariz respir', { locale: 'es', prefix: true })).includes('rino-es'));
  });

  test('pagination: pages are disjoint, ordered and counted', async () => {
    const many = Array.from({ length: 23 }, (_, i) => doc(`page-${i}`, { title: `Liposuction note ${i}`, body: `liposuction ${'fat '.repeat(i + 1)}` }));
    await put(...many);
    const first = await index.search({ text: 'liposuction', locale: 'en', perPage: 10 });
    const third = await index.search({ text: 'liposuction', locale: 'en', perPage: 10, page: 3 });
    assert.equal(first.total, 23);
    assert.equal(first.estimated, false);
    assert.equal(first.pages, 3);
    assert.equal(first.hits.length, 10);
    assert.equal(third.hits.length, 3);
    const all = new Set([...first.hits, ...(await index.search({ text: 'liposuction', locale: 'en', perPage: 10, page: 2 })).hits, ...third.hits].map((h) => h.id));
    assert.equal(all.size, 23);
    // Out-of-range pages are clamped, never an error.
    assert.ok((await index.search({ text: 'liposuction', locale: 'en', page: 10_000 })).hits.length >= 0);
    assert.ok((await index.search({ text: 'liposuction', locale: 'en', page: Number.NaN })).hits.length > 0);
  });

  test('many matches: the total is estimated and the pages stay bounded', async () => {
    await put(...Array.from({ length: CANDIDATES + 50 }, (_, i) => doc(`bulk-${i}`, { title: `Bulk ${i}`, body: 'abdominoplasty tummy tuck' })));
    const results = await index.search({ text: 'abdominoplasty', locale: 'en' });
    assert.ok(results.total >= CANDIDATES, `total ${results.total}`);
    assert.ok(results.total <= (CANDIDATES + 50) * 1.5, `total ${results.total}`);
    assert.equal(results.hits.length, 10);
    assert.ok(results.pages <= Math.ceil(CANDIDATES / 10));
  });

  test('upsert replaces and remove forgets, in every language', async () => {
    await put(doc('change', { title: 'Otoplasty', body: 'ears' }), doc('change', { locale: 'es', title: 'Otoplastia', body: 'orejas', url: '/es/x' }));
    assert.deepEqual(await ids('otoplasty'), ['change']);
    await put(doc('change', { title: 'Brow lift', body: 'forehead' }));
    assert.deepEqual(await ids('otoplasty'), []);
    assert.deepEqual(await ids('forehead'), ['change']);
    await t.services.db.transaction().execute((trx) => index.remove(trx, 'guide', 'change'));
    assert.deepEqual(await ids('forehead'), []);
    assert.deepEqual(await ids('orejas', { locale: 'es' }), []);
  });

  test('a rolled-back transaction leaves the index as it was', async () => {
    await assert.rejects(
      t.services.db.transaction().execute(async (trx) => {
        await index.upsert(trx, doc('ghost', { title: 'Ghostword', body: 'ghostword' }));
        throw new Error('rollback');
      }),
    );
    assert.deepEqual(await ids('ghostword'), []);
  });

  test('hostile queries never fail', async () => {
    const fixed = ['"', '"unbalanced', 'a AND OR NOT b', 'NEAR(a b, 2)', '*', 'rhino*', ':', 'title:rhino', '((((', ')', '-', '^a', '\u0000\u0001\u001f', 'x'.repeat(10_000), '🙂 rhinoplasty 👃🏽', "'; DROP TABLE search_documents; --", '&|!<->', 'the a of', '\\', '{title}: x', '%_%', 'ÅÄÖ ñ ß ﬁ', '\uD800', '  '];
    for (const text of fixed) {
      for (const locale of ['en', 'es'] as const) {
        for (const prefix of [false, true]) {
          const r = await index.search({ text, locale, prefix });
          assert.ok(Array.isArray(r.hits), text);
        }
      }
    }
    assert.ok((await ids('🙂 rhinoplasty 👃🏽')).includes('rhino'));
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300, unit: 'binary' }), fc.constantFrom('en', 'es') as fc.Arbitrary<'en' | 'es'>, fc.boolean(), fc.integer({ min: -5, max: 500 }), async (text, locale, prefix, page) => {
        const r = await index.search({ text, locale, prefix, page });
        for (const h of r.hits) assert.ok(!/<(?!\/?mark>)/.test(h.snippetHtml + h.titleHtml), 'only <mark> tags');
      }),
      { numRuns: 150 },
    );
  });
});
