#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import type { FastifyBaseLogger } from 'fastify';
import { type AppServices, buildApp, mediaStorage } from './app.js';
import { Worker } from './core/jobs/index.js';
import { checkAuditChain } from './core/audit/index.js';
import { countUsersWithRole, createStaffInvite, isRole, type Role } from './core/auth/index.js';
import { ConfigError, loadConfig, type Config } from './core/config/index.js';
import { migrate, openDatabase } from './core/db/index.js';
import { AppError } from './core/errors.js';
import { isLocale } from './core/i18n/index.js';
import { PageCache } from './core/http/page-cache.js';
import { resealAll } from './core/privacy/rotation.js';
import { runRetention } from './core/privacy/retention.js';
import { reindex } from './core/search/index.js';
import { guideService } from './features/procedures/index.js';
import { describeImport } from './features/procedures/import.js';
import { GUIDE_CATEGORIES, type GuideCategory } from './features/procedures/model.js';
import { loadSampleGuides } from './features/procedures/seed.js';

const USAGE = `Usage: sutura <command>

Commands:
  serve                          run the web server (migrates, loads sample content on first run)
  worker                         run background jobs only (JOBS_IN_WEB=false on the web processes)
  migrate                        bring the database schema up to date
  import-guide FILE [--locale en|es] [--category face|eyes|neck|skin|breast|body]
                                 turn a plain-text brochure into a draft guide
  create-admin [--email ADDRESS] [--role admin|editor]
                                 print a one-time link to set up a staff account
  rotate-keys                    re-seal medical information with the first key of DATA_KEYS
  audit verify                   check the audit log's hash chain from the first event
  retention run                  purge what is past its retention limit now, and print the counts
  search reindex                 rebuild the search index from every published document
`;

/** A mistake in how the command was called: one line on stderr, exit 2. */
class UsageError extends Error {}

async function serve(config: Config): Promise<void> {
  const started = performance.now();
  const { app, services } = await buildApp(config);
  if (config.sampleContent) {
    const count = await loadSampleGuides(services.db, services.storage, guideService(services));
    if (count) app.log.info({ guides: count }, 'loaded sample content');
  }
  if (config.env === 'production' && !config.dataKeys) {
    app.log.warn('DATA_KEYS is not set: medical information is encrypted with a key file stored next to the database');
  }
  const worker = config.jobs.inWeb ? startWorker(config, services, app.log) : null;
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await (await worker)?.stop();
    await app.close();
  });
  await app.listen({ host: config.host, port: config.port });
  app.log.info({ ms: Math.round(performance.now() - started) }, 'ready');
  if ((await countUsersWithRole(services.db, 'admin')) === 0) {
    const token = await createStaffInvite(services.db, ['admin']);
    // A one-time link, printed only to this console; it works once and expires in 72 hours.
    process.stdout.write(`\n  No administrator yet. Create one here (one-time link):\n  ${config.publicUrl}/account/setup?token=${token}\n\n`);
  }
}

async function startWorker(config: Config, services: AppServices, log: FastifyBaseLogger): Promise<Worker> {
  const worker = new Worker({ db: services.db, queue: services.jobs, log, concurrency: config.jobs.concurrency, pollMs: config.jobs.pollMs });
  await worker.start();
  log.info({ worker: worker.id }, 'job worker started');
  return worker;
}

/** A process that only runs background jobs (several may run against one PostgreSQL). */
async function work(config: Config): Promise<void> {
  // The app is built (not listening) so every feature defines its jobs exactly as in `serve`.
  const { app, services } = await buildApp(config);
  const worker = await startWorker(config, services, app.log);
  closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'worker stopping after an error');
    else app.log.info({ signal }, 'worker stopping');
    await worker.stop();
    await app.close();
  });
}

async function withDb<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    await migrate(db, config);
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'worker':
      return work(config);
    case 'migrate': {
      const db = await openDatabase(config);
      const names = await migrate(db, config).finally(() => db.destroy());
      process.stdout.write(names.length ? `applied: ${names.join(', ')}\n` : 'database is up to date\n');
      return;
    }
    case 'import-guide': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { locale: { type: 'string', default: 'en' }, category: { type: 'string', default: 'face' } } });
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError('import-guide needs exactly one FILE');
      if (!isLocale(values.locale)) throw new UsageError(`unknown locale "${values.locale}" (use en or es)`);
      if (!(GUIDE_CATEGORIES as readonly string[]).includes(values.category ?? '')) throw new UsageError(`unknown category "${values.category}" (use ${GUIDE_CATEGORIES.join(', ')})`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const locale = values.locale;
      const result = await withDb(config, (db) =>
        guideService({ db, storage: mediaStorage(config), pageCache: new PageCache(0), config }).importDraft(null, { text: bytes, locale, category: values.category as GuideCategory }),
      );
      process.stdout.write(`created draft "${result.title}" (${result.guideId})\n${describeImport(result.report, locale)}\n`);
      return;
    }
    case 'create-admin': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string', default: 'admin' } } });
      if (!isRole(values.role) || !['admin', 'editor'].includes(values.role)) throw new UsageError('role must be admin or editor');
      if (values.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) throw new UsageError(`not an email address: ${values.email}`);
      const role: Role = values.role;
      const token = await withDb(config, (db) => createStaffInvite(db, [role], values.email?.toLowerCase() ?? null));
      process.stdout.write(`One-time set-up link (valid 72 hours):\n${config.publicUrl}/account/setup?token=${token}\n`);
      return;
    }
    case 'rotate-keys': {
      if (rest.length) throw new UsageError('rotate-keys takes no arguments');
      // The whole app, so every feature's registry entries (and their seal contexts) are loaded.
      const { app, services } = await buildApp(config);
      try {
        const { values, files } = await resealAll(services.db, services.cipher, services.storage);
        process.stdout.write(`re-sealed ${values} values and ${files} files with key ${services.cipher.currentKeyId}\n`);
      } finally {
        await app.close();
      }
      return;
    }
    case 'audit': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals[0] !== 'verify' || positionals.length > 1) throw new UsageError('usage: sutura audit verify');
      const result = await withDb(config, (db) => checkAuditChain(db));
      if (result.ok) {
        process.stdout.write(`audit log OK: ${result.count} events, every link verified\n`);
        return;
      }
      // One line, like every other failure; the exit code lets a cron job or CI alert on it.
      const at = Number.isNaN(result.at.getTime()) ? 'unreadable time' : result.at.toISOString();
      process.stderr.write(`sutura: audit log BROKEN at event ${result.seq} (id ${result.id}, ${at}); the ${result.count} events before it verify\n`);
      process.exitCode = 1;
      return;
    }
    case 'retention': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals[0] !== 'run' || positionals.length > 1) throw new UsageError('usage: sutura retention run');
      // The whole app, so every feature's registry entries (and so their rules) are loaded.
      const { app, services } = await buildApp(config);
      try {
        const run = await runRetention(services.db, services.storage, 'command');
        const counts = Object.entries(run.purged).map(([table, n]) => `${table} ${n}`).join(', ');
        process.stdout.write(`retention: purged ${run.total} rows${counts ? ` (${counts})` : ''}\n`);
        if (Object.keys(run.errors).length) {
          process.stderr.write(`sutura: retention could not purge ${Object.keys(run.errors).join(', ')}\n`);
          process.exitCode = 1;
        }
      } finally {
        await app.close();
      }
      return;
    }
    case 'search': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals[0] !== 'reindex' || positionals.length > 1) throw new UsageError('usage: sutura search reindex');
      // The whole app, so every feature has registered its search source.
      const { app, services } = await buildApp(config);
      try {
        const started = performance.now();
        const counts = await reindex(services.db);
        const summary = Object.entries(counts).map(([type, n]) => `${n} ${type}`).join(', ') || 'nothing';
        process.stdout.write(`search index rebuilt: ${summary} (${Math.round(performance.now() - started)} ms)\n`);
      } finally {
        await app.close();
      }
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"; run "sutura help"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Commands fail with one readable line and a non-zero exit, never a stack trace.
  if (error instanceof UsageError) {
    process.stderr.write(`sutura: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`sutura: ${error.message}\n`);
    process.exit(78);
  }
  if (error instanceof AppError) {
    process.stderr.write(`sutura: ${error.code}: ${error.message}\n`);
    process.exit(1);
  }
  // node:util parseArgs: an unknown or malformed option is a usage mistake.
  if (error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`sutura: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`sutura: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
