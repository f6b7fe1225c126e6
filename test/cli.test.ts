import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { recordAudit } from '../src/core/audit/index.js';
import { loadConfig } from '../src/core/config/index.js';
import { dropSchema, openDatabase } from '../src/core/db/index.js';
import { readTime } from '../src/core/db/portable.js';
import { dropAuditTriggers } from './support/tamper.js';

/** Runs the CLI from source as a person would, in a fresh data directory. */
function sutura(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SAMPLE_CONTENT: 'false' };
  delete env.NODE_TEST_CONTEXT;
  if (process.env.TEST_DATABASE_URL) {
    env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    env.DATABASE_SCHEMA = `cli_${process.pid}_${Date.now().toString(36)}`;
  }
  Object.assign(env, extraEnv);
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sutura CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sutura-cli-'));

  test('migrate, then import a brochure as a draft and print what was found', () => {
    const migrate = sutura(['migrate'], dir);
    assert.equal(migrate.status, 0, migrate.stderr);
    const file = join(dir, 'brochure.txt');
    writeFileSync(file, 'EYELID SURGERY\n\nWHAT IS EYELID SURGERY?\n\nIt removes extra skin from the eyelids.\n\nRISKS\n\nSwelling and dry eyes can happen.\n\nIt removes extra skin from the eyelids.\n\nPRIVACY POLICY\n\nWe collect data.\n');
    const run = sutura(['import-guide', file, '--category', 'eyes'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /created draft "Eyelid Surgery"/);
    assert.match(run.stdout, /2 sections/);
    assert.match(run.stdout, /1 duplicate block dropped/);
    assert.match(run.stdout, /PRIVACY POLICY/);
  });

  test('bad input: one line on stderr and a non-zero exit, nothing created', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '   \n');
    const binary = join(dir, 'binary.bin');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    const noHeading = join(dir, 'prose.txt');
    writeFileSync(noHeading, 'Just some prose without headings.\n');
    for (const [args, message] of [
      [['import-guide', empty], /import_empty/],
      [['import-guide', binary], /import_binary/],
      [['import-guide', noHeading], /import_no_heading/],
      [['import-guide', join(dir, 'missing.txt')], /cannot read/],
      [['import-guide'], /exactly one FILE/],
      [['import-guide', empty, '--locale', 'fr'], /unknown locale/],
      [['create-admin', '--email', 'not-an-email'], /not an email/],
      [['frobnicate'], /unknown command/],
      [['rotate-keys', 'now'], /takes no arguments/],
      [['import-guide', empty, '--bogus'], /Unknown option '--bogus'/],
      [['audit'], /usage: sutura audit verify/],
      [['audit', 'repair'], /usage: sutura audit verify/],
      [['audit', 'verify', '--fix'], /Unknown option '--fix'/],
    ] as const) {
      const run = sutura([...args], dir);
      assert.notEqual(run.status, 0, args.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
  });

  test('rotate-keys re-seals with the current key and says how much it did', () => {
    const run = sutura(['rotate-keys'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^re-sealed 0 values and 0 files with key local\d{4}\n$/);
  });

  test('create-admin prints a one-time set-up link', () => {
    const run = sutura(['create-admin', '--email', 'owner@example.test'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\/account\/setup\?token=[A-Za-z0-9_-]{20,}/);
  });

  test('audit verify: OK with the count; a row edited directly is named, with a non-zero exit', async () => {
    const auditDir = mkdtempSync(join(tmpdir(), 'sutura-cli-audit-'));
    const env: Record<string, string> = { DATA_DIR: auditDir, LOG_LEVEL: 'silent', SAMPLE_CONTENT: 'false' };
    if (process.env.TEST_DATABASE_URL) {
      env.DATABASE_URL = process.env.TEST_DATABASE_URL;
      env.DATABASE_SCHEMA = `cli_audit_${process.pid}_${Date.now().toString(36)}`;
    }
    const empty = sutura(['audit', 'verify'], auditDir, env);
    assert.equal(empty.status, 0, empty.stderr);
    assert.match(empty.stdout, /audit log OK: 0 events/);

    const config = loadConfig(env);
    const db = await openDatabase(config);
    try {
      for (let i = 0; i < 3; i++) await db.transaction().execute((trx) => recordAudit(trx, 'guide.updated', { type: 'guide', id: `g${i}` }, { revision: i }, null));
      const ok = sutura(['audit', 'verify'], auditDir, env);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /audit log OK: 3 events/);

      // An attacker with database access drops the append-only triggers and edits a row.
      await dropAuditTriggers(db);
      const victim = await db.selectFrom('audit_events').select(['id', 'at']).where('seq', '=', 2).executeTakeFirstOrThrow();
      await db.updateTable('audit_events').set({ change: JSON.stringify({ revision: 99 }) }).where('seq', '=', 2).execute();
      const broken = sutura(['audit', 'verify'], auditDir, env);
      assert.equal(broken.status, 1);
      assert.equal(broken.stdout, '');
      assert.match(broken.stderr, new RegExp(`BROKEN at event 2 \\(id ${victim.id}, ${readTime(victim.at).toISOString().replace(/\./g, '\\.')}\\); the 1 events before it verify`));
      assert.equal(broken.stderr.trim().split('\n').length, 1);
    } finally {
      if (config.database.kind === 'postgres' && config.database.schema) await dropSchema(db, config.database.schema);
      await db.destroy();
    }
  });

  test('sutura worker runs jobs until asked to stop, then exits cleanly', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'info', SAMPLE_CONTENT: 'false' };
    delete env.NODE_TEST_CONTEXT;
    if (process.env.TEST_DATABASE_URL) {
      env.DATABASE_URL = process.env.TEST_DATABASE_URL;
      env.DATABASE_SCHEMA = `cli_worker_${process.pid}`;
    }
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    for (let i = 0; i < 300 && !out.includes('job worker started'); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /job worker started/);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0);
    assert.match(out, /worker stopping/);
  });

  test('an invalid environment is reported, not thrown', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: 'eighty', DATA_DIR: dir };
    delete env.NODE_TEST_CONTEXT;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'migrate'], { env, encoding: 'utf8' });
    assert.equal(run.status, 78);
    assert.match(run.stderr, /Invalid configuration/);
    assert.match(run.stderr, /PORT/);
  });
});
