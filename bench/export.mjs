// Data export benchmark (issue 5: rights requests). A member with 1,000 contact messages and
// 200 uploaded pictures (noise JPEGs of about 130 KB, which do not compress): the registry-driven export writes the ZIP (one JSON
// file per table, the files, the manifest) to a temporary file and stores it privately, as the
// export job does. The export is a library function run by a job, so the bench calls it in
// process (through tsx, on the same SQLite database the application uses). Target: under 3 s.
//
//   npm run bench:export            (BENCH_RUNS=5 by default)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildApp } from '../src/app.js';
import { createUser } from '../src/core/auth/index.js';
import { loadConfig } from '../src/core/config/index.js';
import { resolveSubject } from '../src/core/privacy/subject.js';
import { ExportService } from '../src/features/privacy/subject-rights.js';
import { machine, writeSection } from './report.mjs';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const FILES = Number(process.env.BENCH_FILES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 3000;

const dataDir = mkdtempSync(join(tmpdir(), 'sutura-bench-export-'));
const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SAMPLE_CONTENT: 'false', PUBLIC_URL: 'http://localhost:3000', PORT: '0' });
const { app, services } = await buildApp(config);
const { db, storage } = services;

const email = 'bench.member@example.test';
const userId = await db.transaction().execute((trx) => createUser(trx, { email, name: 'Bench Member', password: 'a long bench password that is not common', locale: 'en', roles: ['member'] }));
const now = new Date().toISOString();
for (let i = 0; i < ITEMS; i += 250) {
  const rows = [];
  for (let j = i; j < Math.min(ITEMS, i + 250); j++) {
    rows.push({ id: randomUUID(), name: 'Bench Member', email, topic: 'general', message: `Message ${j}: ${'a question about recovery times and scars. '.repeat(8)}`, locale: 'en', status: 'closed', assigned_to: null, created_at: now, updated_at: now });
  }
  await db.insertInto('contact_messages').values(rows).execute();
}
// One real JPEG (noise, so it does not compress), stored under 200 keys, one media row each.
const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 85 }).toBuffer();
for (let i = 0; i < FILES; i++) {
  const id = randomUUID().replaceAll('-', '');
  const key = `${id}-600.jpg`;
  await storage.put(key, jpeg);
  await db
    .insertInto('media')
    .values({ id, kind: 'image', mime: 'image/jpeg', width: 600, height: 400, bytes: jpeg.length, variants: JSON.stringify([{ key, format: 'jpeg', width: 600, height: 400, bytes: jpeg.length }]), original_name: `photo-${i}.jpg`, created_by: userId, created_at: now, file_key: null, duration_ms: null, pages: null, placeholder: null, text_content: null, is_private: false })
    .execute();
}

const exports = new ExportService(services);
const subject = await resolveSubject(db, { userId });
const times = [];
let summary;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const result = await exports.build(subject, 'en');
  times.push(performance.now() - started);
  summary = result.summary;
  await storage.remove(result.key);
}
clearInterval(sampler);
await app.close();
rmSync(dataDir, { recursive: true, force: true });

const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const worst = sorted.at(-1);
const ms = (n) => `${Math.round(n)} ms`;
const verdict = worst < TARGET_MS ? 'under' : 'OVER';
const md = `## Data export (issue 5)

Machine: ${machine()}.
Date: ${new Date().toISOString()}. Command: \`npm run bench:export\`.

A member with ${ITEMS.toLocaleString('en')} contact messages and ${FILES} uploaded pictures (${Math.round(jpeg.length / 1024)} KB JPEG each) on SQLite. Each run is what the export job does: find the person's rows through the registry, write the ZIP (${summary.tables} JSON tables, ${summary.rows.toLocaleString('en')} rows, ${summary.files} files, index.json, README.txt) to a temporary file, and put it in private storage.

| runs | median | slowest | ZIP size | peak RSS |
| ---: | ---: | ---: | ---: | ---: |
| ${RUNS} | ${ms(median)} | ${ms(worst)} | ${(summary.bytes / 2 ** 20).toFixed(1)} MiB | ${Math.round(peakRss / 2 ** 20)} MiB |

Target: under 3 s; the slowest run is ${verdict} it.
`;
writeSection('export', md);
console.log(md);
