import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './index.js';

test('defaults make an embedded setup on port 3000', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.database.kind, 'sqlite');
  assert.match(config.database.kind === 'sqlite' ? config.database.file : '', /data[/\\]sutura\.db$/);
  assert.equal(config.minAge, 18);
  assert.equal(config.practice.name, 'Harbor Plastic Surgery');
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.practice));
});

test('PostgreSQL is chosen by DATABASE_URL; identity and age are configuration', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://db/sutura', PRACTICE_NAME: 'Bayside Clinic', MIN_AGE: '16', PUBLIC_URL: 'https://clinic.example/' });
  assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://db/sutura', schema: undefined });
  assert.equal(config.practice.name, 'Bayside Clinic');
  assert.equal(config.minAge, 16);
  assert.equal(config.publicUrl, 'https://clinic.example');
  assert.equal(config.secureCookies, true);
});

test('every problem is listed at once', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MIN_AGE: '5', PAGE_CACHE: 'maybe' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      assert.match(error.message, /PORT/);
      assert.match(error.message, /DATABASE_URL: must start with postgres/);
      return true;
    },
  );
});

test('empty variables fall back to defaults', () => {
  assert.equal(loadConfig({ PORT: '' }).port, 3000);
});

test('secrets can come from *_FILE, for our settings only', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'sutura-secret-'));
  writeFileSync(join(dir, 'db'), 'postgres://secret@db/sutura\n');
  const config = loadConfig({ DATABASE_URL_FILE: join(dir, 'db'), OTHER_TOOL_FILE: join(dir, 'missing') });
  assert.equal(config.database.kind === 'postgres' && config.database.url, 'postgres://secret@db/sutura');
});

test('DATA_KEYS is checked at start', () => {
  assert.throws(() => loadConfig({ DATA_KEYS: 'k1:tooshort' }), /DATA_KEYS: key k1 must be 32 bytes/);
  const key = Buffer.alloc(32, 7).toString('base64');
  assert.equal(loadConfig({ DATA_KEYS: `k1:${key}` }).dataKeys?.[0]?.id, 'k1');
  assert.equal(loadConfig({}).dataKeys, null);
});

test('media goes to S3-compatible storage only when S3_BUCKET is set; half a configuration is refused', () => {
  assert.equal(loadConfig({}).s3, null);
  const config = loadConfig({ S3_BUCKET: 'sutura-media', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret', S3_FORCE_PATH_STYLE: 'true' });
  assert.deepEqual(config.s3, { bucket: 'sutura-media', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', accessKeyId: 'id', secretAccessKey: 'secret', forcePathStyle: true });
  assert.throws(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' }), /S3_BUCKET/);
  assert.throws(() => loadConfig({ S3_BUCKET: 'sutura-media', S3_ACCESS_KEY_ID: 'id' }), /give both or neither/);
  assert.throws(() => loadConfig({ S3_BUCKET: 'Not A Bucket' }), /S3_BUCKET/);
});
