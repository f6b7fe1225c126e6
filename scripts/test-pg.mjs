// Runs the whole suite against PostgreSQL: creates a throw-away database, points
// TEST_DATABASE_URL at it (each test app then gets a schema of its own), drops it afterwards.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const server = process.env.PG_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `sutura_test_${Date.now().toString(36)}_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
try {
  await admin.connect();
} catch (error) {
  console.error(`test:pg: cannot reach PostgreSQL at ${server}: ${error.message}`);
  process.exit(1);
}
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();

const url = new URL(server);
url.pathname = `/${name}`;
const result = spawnSync(process.execPath, ['scripts/test.mjs', 'unit', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url.toString() },
});

const cleanup = new pg.Client({ connectionString: server });
await cleanup.connect();
await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await cleanup.end();
process.exit(result.status ?? 1);
