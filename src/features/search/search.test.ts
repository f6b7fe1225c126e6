import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { buildApp } from '../../app.js';
import { INDEX_FORMAT, reindex, reindexIfStale, searchIndex } from '../../core/search/index.js';
import { guideService } from '../procedures/index.js';
import { loadSampleGuides } from '../procedures/seed.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
  await loadSampleGuides(t.services.db, t.services.storage, guideService(t.services));
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.request({ url, headers });

test('the search page: a labelled form, results with marked snippets, in English and Spanish', async () => {
  const empty = await get('/search');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /<label for="search-q">Search for<\/label>/);
  assert.match(empty.body, /role="search"/);
  assert.match(empty.body, /aria-live="polite"/);
  assert.match(empty.body, /href="\/search"/, 'the header links to search');

  const en = await get('/search?q=scars');
  assert.equal(en.statusCode, 200);
  assert.match(en.body, /<a href="\/guides\/scar-revision"><mark>Scar<\/mark> revision<\/a>/);
  assert.match(en.body, /results? for “scars”/);

  const es = await get('/es/search?q=cicatrices');
  assert.equal(es.statusCode, 200);
  assert.match(es.body, /<label for="search-q">Buscar<\/label>/);
  assert.match(es.body, /href="\/es\/guides\/scar-revision"/);
  assert.match(es.body, /<mark>[Cc]icatri/);
});

test('the home page offers the site search to search engines (WebSite SearchAction)', async () => {
  const home = await get('/es');
  const data = [...home.body.matchAll(/<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/g)].map((m) => JSON.parse(m[1] as string));
  const site = data.find((d) => d['@type'] === 'WebSite');
  assert.ok(site, 'a WebSite block');
  assert.equal(site.potentialAction.target.urlTemplate, 'http://localhost:3000/es/search?q={search_term_string}');
});

test('no results, type filter and htmx fragment', async () => {
  const none = await get('/search?q=zzqqxx');
  assert.match(none.body, /No results for “zzqqxx”/);
  const library = await get('/search?q=scar&type=library');
  assert.match(library.body, /No results/);
  const guides = await get('/search?q=scar&type=guide');
  assert.match(guides.body, /scar-revision/);
  const bogus = await get('/search?q=scar&type=nonsense&page=-4');
  assert.equal(bogus.statusCode, 200);
  assert.match(bogus.body, /scar-revision/);

  const partial = await get('/search?q=necklif', { 'hx-request': 'true' });
  assert.equal(partial.statusCode, 200);
  assert.ok(!partial.body.includes('<html'), 'only the results region');
  assert.match(partial.body, /\/guides\/necklift/, 'the last word is a prefix while typing');
});

test('unpublishing a guide takes it out of search in the same transaction; reindex rebuilds', async () => {
  const guides = guideService(t.services);
  const necklift = (await guides.listAllPublished()).find((g) => g.slug === 'necklift' && g.locale === 'en');
  assert.ok(necklift);
  assert.match((await get('/search?q=necklift')).body, /\/guides\/necklift/);
  await guides.setStatus(null, necklift.id, 'draft');
  assert.doesNotMatch((await get('/search?q=necklift')).body, /href="\/guides\/necklift"/);
  assert.match((await get('/es/search?q=cuello')).body, /\/es\/guides\/necklift/, 'the Spanish guide stays');
  await guides.setStatus(null, necklift.id, 'published');
  assert.match((await get('/search?q=necklift')).body, /\/guides\/necklift/);

  const counts = await reindex(t.services.db);
  assert.equal(counts.guide, (await guides.listAllPublished()).length);
  assert.match((await get('/search?q=necklift')).body, /\/guides\/necklift/);
});

test('Spanish typed without accents finds the accented guide and marks its words as written', async () => {
  for (const q of ['cirugia parpados', 'cirugía párpados', 'CIRUGIA PARPADO']) {
    const res = await get(`/es/search?q=${encodeURIComponent(q)}`);
    assert.match(res.body, /<a href="\/es\/guides\/eyelid-surgery"><mark>Cirugía<\/mark> de <mark>párpados<\/mark> \(blefaroplastia\)<\/a>/, q);
  }
  assert.match((await get('/es/search?q=parp', { 'hx-request': 'true' })).body, /\/es\/guides\/eyelid-surgery/, 'as you type, without the accent');
});

test('an index written in an older format is rebuilt at start, once; a newer one is left alone', async () => {
  const db = t.services.db;
  const format = async (): Promise<number> => (await db.selectFrom('search_index_format').select('version').executeTakeFirstOrThrow()).version;
  // A new database starts at format 1 (migration 0082), and starting the app brought it up to date.
  assert.equal(await format(), INDEX_FORMAT);
  // The index as an older version left it: format 1, and emptied so a rebuild shows.
  await db.transaction().execute(async (trx) => {
    await searchIndex(db).clear(trx);
    await trx.updateTable('search_index_format').set({ version: 1 }).execute();
  });
  assert.doesNotMatch((await get('/es/search?q=parpados')).body, /eyelid-surgery/);
  // Starting the app again on that database rebuilds the index before it serves.
  const restarted = await buildApp(t.services.config, { db });
  try {
    assert.equal(await format(), INDEX_FORMAT);
    assert.match((await restarted.app.inject({ url: '/es/search?q=parpados' })).body, /\/es\/guides\/eyelid-surgery/);
  } finally {
    await restarted.app.close();
  }
  // Two processes starting at once: one rebuilds, the other waits and finds it done.
  await db.updateTable('search_index_format').set({ version: 1 }).execute();
  const both = await Promise.all([reindexIfStale(db), reindexIfStale(db)]);
  assert.equal(both.filter((counts) => counts !== null).length, 1);
  assert.equal(await reindexIfStale(db), null);
  // An index written by newer code (a rolling deploy) is not undone by an older process.
  await db.updateTable('search_index_format').set({ version: INDEX_FORMAT + 1 }).execute();
  assert.equal(await reindexIfStale(db), null);
  assert.equal(await format(), INDEX_FORMAT + 1);
  // `sutura search reindex` writes the index in this code's format.
  await reindex(db);
  assert.equal(await format(), INDEX_FORMAT);
  assert.match((await get('/es/search?q=parpados')).body, /\/es\/guides\/eyelid-surgery/);
});

test('anything typed gives a page, never an error', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 200, unit: 'binary' }), fc.constantFrom('', '/es'), fc.boolean(), async (typed, prefix, htmx) => {
      const q = typed.replace(/[\uD800-\uDFFF]/gu, '?');
      const res = await get(`${prefix}/search?q=${encodeURIComponent(q)}&page=${encodeURIComponent(Array.from(q).slice(0, 3).join(''))}`, htmx ? { 'hx-request': 'true' } : {});
      assert.equal(res.statusCode, 200, q);
    }),
    { numRuns: 60 },
  );
  const long = await get(`/search?q=${'a'.repeat(10_000)}`);
  assert.equal(long.statusCode, 200);
  for (const raw of ['%E0%A4%A', '%00%01', '%22%2A%3A(NEAR', '%F0%9F%99%82']) assert.equal((await get(`/search?q=${raw}`)).statusCode, 200, raw);
  const repeated = await get('/search?q=scar&q=necklift&type=guide&type=library');
  assert.equal(repeated.statusCode, 200);
});
