// Search benchmark (issue 4, "Tests and figures"). 100,000 generated items of about 300 words
// (a generated vocabulary drawn with a Zipf-like distribution), indexed through core/search on
// SQLite (FTS5) and on PostgreSQL (a throw-away database), then p50/p95 of a whole search (the
// first page: candidates, ranking, rows, snippets) for three query sets picked by how many items
// contain the term: rare (5-50 items), mid-frequency (~1%) and common (~40%). For comparison,
// the naive plan: bm25 / ts_rank over every match, ORDER BY score LIMIT 10. Results go to
// bench/REPORT.md.
//
//   npm run bench:search            (BENCH_ITEMS=20000 for a quicker run; BENCH_PG=false or BENCH_SQLITE=false to skip one)
import { mkdirSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/core/config/index.ts';
import { migrate, openDatabase } from '../src/core/db/index.ts';
import { CANDIDATES, searchIndex } from '../src/core/search/index.ts';
import { machine, writeSection } from './report.mjs';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const WORDS_PER_ITEM = 300;
const VOCABULARY = 40_000;
const QUERIES = 40;
const ROUNDS = 5;
const SERVER = process.env.PG_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TMP = 'bench/.tmp/search';

// ---- corpus ----------------------------------------------------------------------------------

/** A small deterministic PRNG (mulberry32), so every run indexes the same corpus. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);

/** Pronounceable made-up words ending in a consonant-vowel pair the stemmers leave alone. */
const CONSONANTS = 'bcdfgklmnprstvz';
const VOWELS = 'aiou';
function makeWord(i) {
  let n = i + 1;
  let w = '';
  do {
    w += CONSONANTS[n % CONSONANTS.length] + VOWELS[Math.floor(n / CONSONANTS.length) % VOWELS.length];
    n = Math.floor(n / (CONSONANTS.length * VOWELS.length));
  } while (n > 0);
  return `${w}x`;
}
const vocabulary = Array.from({ length: VOCABULARY }, (_, i) => makeWord(i));

// Zipf (s = 1): a cumulative table, sampled by binary search.
const cumulative = new Float64Array(VOCABULARY);
{
  let sum = 0;
  for (let r = 0; r < VOCABULARY; r++) cumulative[r] = sum += 1 / (r + 1);
  for (let r = 0; r < VOCABULARY; r++) cumulative[r] /= sum;
}
function sampleRank() {
  const x = random();
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const docFrequency = new Uint32Array(VOCABULARY);
function words(n, seen) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = sampleRank();
    out.push(vocabulary[r]);
    if (seen && !seen.has(r)) seen.add(r);
  }
  return out.join(' ');
}

function* items() {
  for (let i = 0; i < ITEMS; i++) {
    const seen = new Set();
    const title = words(6, seen);
    const summary = words(24, seen);
    const body = words(WORDS_PER_ITEM - 30, seen);
    for (const r of seen) docFrequency[r] += 1;
    yield {
      type: i % 4 === 0 ? 'guide' : 'library',
      id: `item-${i}`,
      locale: 'en',
      title: title[0].toUpperCase() + title.slice(1),
      summary: `${summary}.`,
      body: `${body}.`,
      url: `/library/item-${i}`,
      facets: { kind: i % 4 === 0 ? undefined : 'study' },
      publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
    };
  }
}

/** Terms whose share of items lies in [lo, hi), spread over that band. */
function pick(lo, hi) {
  const band = [];
  for (let r = 0; r < VOCABULARY; r++) {
    const share = docFrequency[r] / ITEMS;
    if (share >= lo && share < hi) band.push(r);
  }
  const step = Math.max(1, Math.floor(band.length / QUERIES));
  return band.filter((_, i) => i % step === 0).slice(0, QUERIES).map((r) => ({ text: vocabulary[r], items: docFrequency[r] }));
}

// ---- measuring -------------------------------------------------------------------------------

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(queries, run) {
  for (const q of queries.slice(0, 5)) await run(q.text); // warm up
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      const start = performance.now();
      await run(q.text);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function build(db) {
  const index = searchIndex(db);
  const start = performance.now();
  docFrequency.fill(0);
  const batch = 2000;
  let buffer = [];
  const flush = async () => {
    const docs = buffer;
    buffer = [];
    await db.transaction().execute(async (trx) => {
      await index.upsertMany(trx, docs);
    });
  };
  for (const doc of items()) {
    buffer.push(doc);
    if (buffer.length >= batch) await flush();
  }
  await flush();
  return (performance.now() - start) / 1000;
}

async function bench(name, db, naive, afterBuild = async () => {}) {
  const seconds = await build(db);
  await afterBuild();
  process.stderr.write(`${name}: indexed ${ITEMS} items in ${seconds.toFixed(0)} s\n`);
  const sets = {
    rare: pick(5 / ITEMS, 50 / ITEMS),
    mid: pick(0.008, 0.015),
    common: pick(0.35, 0.45),
  };
  const index = searchIndex(db);
  const rows = [];
  for (const [set, queries] of Object.entries(sets)) {
    if (!queries.length) throw new Error(`no ${set} terms in this corpus`);
    const ours = await measure(queries, (text) => index.search({ text, locale: 'en' }));
    const plain = await measure(queries, (text) => naive(text));
    const share = queries.reduce((s, q) => s + q.items, 0) / queries.length / ITEMS;
    rows.push({ set, share, count: queries.length, ours, plain });
    process.stderr.write(`${name} ${set}: p50 ${ours.p50.toFixed(2)} ms, p95 ${ours.p95.toFixed(2)} ms; naive p95 ${plain.p95.toFixed(2)} ms\n`);
  }
  return { name, seconds, rows };
}

function table(result, target) {
  const lines = [
    `**${result.name}** (indexing ${ITEMS.toLocaleString('en')} items: ${result.seconds.toFixed(0)} s; target p95 < ${target} ms)`,
    '',
    '| query set | items containing the term (mean) | p50 | p95 | naive bm25 over all matches, p95 | naive / ours (p95) |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of result.rows) {
    lines.push(`| ${r.set} (${r.count} terms) | ${(r.share * 100).toFixed(r.share < 0.01 ? 3 : 1)} % | ${r.ours.p50.toFixed(2)} ms | ${r.ours.p95.toFixed(2)} ms ${r.ours.p95 < target ? '✓' : '✗'} | ${r.plain.p95.toFixed(2)} ms | ${(r.plain.p95 / r.ours.p95).toFixed(1)}× |`);
  }
  return lines.join('\n');
}

// ---- SQLite ----------------------------------------------------------------------------------

rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
const results = [];
if (process.env.BENCH_SQLITE !== 'false') {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: `${TMP}/sqlite`, LOG_LEVEL: 'silent', SAMPLE_CONTENT: 'false' });
  const db = await openDatabase(config);
  await migrate(db, config);
  results.push({
    target: 10,
    result: await bench('SQLite FTS5', db, (text) => sql`SELECT rowid FROM search_fts_en WHERE search_fts_en MATCH ${`"${text}"`} ORDER BY bm25(search_fts_en, 10.0, 4.0, 1.0, 0.0) LIMIT 10`.execute(db)),
  });
  await db.destroy();
  if (!process.env.BENCH_KEEP) rmSync(`${TMP}/sqlite`, { recursive: true, force: true });
}

// ---- PostgreSQL ------------------------------------------------------------------------------

if (process.env.BENCH_PG !== 'false') {
  const name = `sutura_bench_search_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: `${TMP}/pg`, LOG_LEVEL: 'silent', SAMPLE_CONTENT: 'false', DATABASE_URL: url.toString() });
    const db = await openDatabase(config);
    await migrate(db, config);
    const naive = (text) =>
      sql`SELECT id FROM search_vectors WHERE locale = 'en' AND tsv @@ plainto_tsquery('english', ${text}) ORDER BY ts_rank(tsv, plainto_tsquery('english', ${text})) DESC LIMIT 10`.execute(db);
    const built = await bench('PostgreSQL tsvector + GIN', db, async (text) => naive(text), async () => {
      await sql`VACUUM ANALYZE search_documents`.execute(db);
      await sql`VACUUM ANALYZE search_vectors`.execute(db);
    });
    results.push({ target: 25, result: built });
    await db.destroy();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
if (!process.env.BENCH_KEEP) rmSync(TMP, { recursive: true, force: true });

writeSection(
  'search',
  [
    '## Search',
    '',
    `${new Date().toISOString().slice(0, 10)} · ${machine()} (shared with other work while it ran: compare the ratios)`,
    '',
    `${ITEMS.toLocaleString('en')} generated items of ${WORDS_PER_ITEM} words (vocabulary of ${VOCABULARY.toLocaleString('en')} made-up words, Zipf s = 1), ${QUERIES} one-word queries per set, ${ROUNDS} rounds; a search is the whole first page through core/search: at most ${CANDIDATES} newest matching candidates, scored (bm25 / ts_rank, title > summary > body), 10 rows read and their snippets made. "Naive" is the score over every match, ORDER BY score LIMIT 10.`,
    '',
    ...results.map((r) => table(r.result, r.target) + '\n'),
  ].join('\n'),
);
process.stderr.write('written to bench/REPORT.md\n');
