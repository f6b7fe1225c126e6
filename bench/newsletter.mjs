// Newsletter sending benchmark (issue: Communications). One issue to 100,000 subscribers,
// delivered by `sutura worker` processes of the production build to a local SMTP sink: first
// with one worker process, then with two, on PostgreSQL (several workers need it). Reports
// throughput, whether every address got exactly one copy, and each worker's resident memory
// as the send progresses (it must stay flat). Results go to bench/REPORT.md.
//
//   npm run build && node bench/newsletter.mjs        (BENCH_RECIPIENTS=10000 for a quick run)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { machine, writeSection } from './report.mjs';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const BATCH = 100;
const SERVER = process.env.PG_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATA_KEYS = `bench:${randomBytes(32).toString('base64')}`;
const SCHEDULED_AT = '2026-01-01T00:00:00.000Z';
const TIMEOUT_MS = 20 * 60_000;
const STEPS = 20;

/** An SMTP server that reads and counts messages and remembers who got one, without parsing. */
async function startSink() {
  const state = { count: 0, duplicates: 0, first: 0, last: 0, recipients: new Set() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const to = session.envelope.rcptTo[0]?.address ?? '';
        if (state.recipients.has(to)) state.duplicates += 1;
        state.recipients.add(to);
        state.count += 1;
        state.last = performance.now();
        if (state.count === 1) state.first = state.last;
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, url: `smtp://127.0.0.1:${server.server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed: ${err}`))));
  });
}

function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** A database with the schema, N active subscribers, one scheduled issue and its start job. */
async function prepare(name) {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sutura-bench-'));
  const env = { DATABASE_URL: url.toString(), DATA_DIR: dataDir, DATA_KEYS, NODE_ENV: 'production', LOG_LEVEL: 'warn', SAMPLE_CONTENT: 'false', PUBLIC_URL: 'https://harbor.example' };
  await run(process.execPath, ['dist/main.js', 'migrate'], env);
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  await db.query(
    `INSERT INTO newsletter_subscribers (id, email, email_hash, locale, status, tracking, confirmed_at, created_at, updated_at)
     SELECT 'sub' || lpad(g::text, 7, '0'), 'reader' || g || '@bench.example', md5(g::text), CASE WHEN g % 4 = 0 THEN 'es' ELSE 'en' END,
            'active', g % 10 = 0, now(), now(), now()
     FROM generate_series(1, $1::int) g`,
    [RECIPIENTS],
  );
  await db.query(`INSERT INTO newsletter_subscriptions (subscriber_id, list_id, created_at) SELECT id, 'list-patients', now() FROM newsletter_subscribers`);
  const body = (lang) =>
    lang === 'en'
      ? '## New this month\n\nOur **necklift** guide now covers recovery week by week. [Read it](https://harbor.example/guides/necklift).\n\n- Answers to common questions\n- A new before-and-after set\n\nSee you soon.'
      : '## Novedades del mes\n\nNuestra guía de **lifting de cuello** explica ahora la recuperación semana a semana. [Léala](https://harbor.example/es/guides/necklift).\n\n- Respuestas a preguntas frecuentes\n- Un nuevo caso de antes y después\n\nHasta pronto.';
  const editions = { en: { subject: 'Autumn at Harbor', body: body('en') }, es: { subject: 'Otoño en Harbor', body: body('es') } };
  await db.query(
    `INSERT INTO newsletter_issues (id, list_id, editions, status, scheduled_at, recipients, created_at, updated_at)
     VALUES ('bench-issue', 'list-patients', $1, 'scheduled', $2, 0, now(), now())`,
    [JSON.stringify(editions), SCHEDULED_AT],
  );
  await db.query(
    `INSERT INTO jobs (id, name, payload, status, attempts, max_attempts, run_at, created_at, updated_at)
     VALUES ('bench-start', 'newsletter.start', $1, 'queued', 0, 5, now(), now(), now())`,
    [JSON.stringify({ issueId: 'bench-issue', scheduledAt: SCHEDULED_AT })],
  );
  return { db, env, dataDir };
}

async function measure(workers) {
  const name = `sutura_bench_${Date.now().toString(36)}_${workers}`;
  const sink = await startSink();
  const { db, env, dataDir } = await prepare(name);
  const started = performance.now();
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, ['dist/main.js', 'worker'], {
      env: { ...process.env, ...env, SMTP_URL: sink.url, NEWSLETTER_RATE: '1000000', NEWSLETTER_BATCH: String(BATCH), JOB_POLL_MS: '100', JOB_CONCURRENCY: '2' },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  // Memory of each worker at every twentieth of the way.
  const samples = children.map(() => []);
  let next = 1;
  while (sink.state.count < RECIPIENTS) {
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`timed out after ${sink.state.count} messages`);
    await new Promise((r) => setTimeout(r, 100));
    while (sink.state.count >= (next * RECIPIENTS) / STEPS && next <= STEPS) {
      children.forEach((c, i) => samples[i].push(rssMb(c.pid)));
      next += 1;
    }
  }
  // Let the last batch record its deliveries and close the issue.
  let issue;
  for (let i = 0; i < 100; i++) {
    issue = (await db.query(`SELECT status, recipients FROM newsletter_issues WHERE id = 'bench-issue'`)).rows[0];
    if (issue.status === 'sent') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const deliveries = (await db.query(`SELECT status, count(*)::int AS n FROM newsletter_deliveries GROUP BY status`)).rows;
  const finalRss = children.map((c) => rssMb(c.pid));
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r)))));
  await db.end();
  await sink.close();
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
  const seconds = (sink.state.last - sink.state.first) / 1000;
  return {
    workers,
    perSecond: (sink.state.count - 1) / seconds,
    seconds,
    wallSeconds: (sink.state.last - started) / 1000,
    received: sink.state.count,
    unique: sink.state.recipients.size,
    duplicates: sink.state.duplicates,
    issue,
    deliveries,
    samples,
    finalRss,
  };
}

const results = [];
for (const workers of [1, 2]) {
  const r = await measure(workers);
  console.log(`${workers} worker(s): ${r.perSecond.toFixed(0)} messages/s, ${r.seconds.toFixed(1)} s, ${r.unique} unique, ${r.duplicates} duplicates`);
  results.push(r);
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
// Garbage collection makes RSS a saw: compare the peaks of the two halves of the send. A leak
// makes the second half's peak grow with the list; a flat process keeps it where it was.
const peak = (s) => Math.max(...s);
const flat = (s) => peak(s.slice(STEPS / 2)) / peak(s.slice(0, STEPS / 2));
const rows = results
  .map((r) => `| ${r.workers} | ${fmt(r.perSecond)} | ${r.seconds.toFixed(1)} s | ${fmt(r.received)} | ${fmt(r.unique)} | ${r.duplicates} | ${r.issue?.status} | ${r.samples.map((s) => `${peak(s.slice(0, STEPS / 2)).toFixed(0)} / ${peak(s.slice(STEPS / 2)).toFixed(0)} MB (×${flat(s).toFixed(2)})`).join('; ')} |`)
  .join('\n');
const memory = results
  .flatMap((r) => r.samples.map((s, i) => `| ${r.workers} | ${i + 1} | ${s.map((x) => x.toFixed(0)).join(' | ')} |`))
  .join('\n');
const [one, two] = results;
const report = `## Newsletter sending (issue: Communications)

Machine: ${machine()}.
Date: ${new Date().toISOString()}. Command: \`npm run build && node bench/newsletter.mjs\`.

One issue (English and Spanish editions, Markdown with a heading, a link and a list) to
${fmt(RECIPIENTS)} active subscribers, a quarter of them reading Spanish and a tenth with open counting on.
\`sutura worker\` processes of the production build (JOB_CONCURRENCY=2, batches of ${BATCH},
NEWSLETTER_RATE high enough not to throttle) on PostgreSQL, sending over SMTP (nodemailer pool) to
an SMTP server in the benchmark process that reads and counts every message. Sink, workers and
PostgreSQL share the 2 cores, so the absolute rate is a floor; compare the two rows.

| workers | messages/s | first to last message | received | distinct recipients | duplicates | issue | worker RSS peak, first half / second half |
|---:|---:|---:|---:|---:|---:|---|---|
${rows}

Two workers against one: ×${(two.perSecond / one.perSecond).toFixed(2)} throughput.

Resident memory of each worker process at every twentieth of the send (MB):

| workers | process | ${Array.from({ length: STEPS }, (_, i) => `${((i + 1) * 100) / STEPS}%`).join(' | ')} |
|---:|---:|${'---:|'.repeat(STEPS)}
${memory}

Garbage collection makes resident memory rise and fall; memory is flat when the peak of the
second half of the send is no higher than the first half's (×1.00 or below, allowing some noise):
the batch jobs hold one batch of recipients at a time, and nothing grows with the list.
`;
writeSection('newsletter', report);
console.log(report);
