// Runs the node:test suite with tsx: `unit` = every *.test.ts(x) under src/ and test/ (not e2e),
// `e2e` = test/e2e. Node 20's test runner does not expand globs, so we list the files here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const mode = process.argv[2] ?? 'unit';
const extra = process.argv.slice(3);
const roots = mode === 'e2e' ? ['test/e2e'] : ['src', 'test'];
const files = [];
for (const root of roots) {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.test\.tsx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (mode !== 'e2e' && path.startsWith(join('test', 'e2e'))) continue;
    files.push(path);
  }
}
const filter = extra.length ? files.filter((f) => extra.some((x) => f.includes(x))) : files;
if (filter.length === 0) {
  console.error(`no test files for ${mode}`);
  process.exit(1);
}
const concurrency = mode === 'e2e' ? '1' : '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...filter.sort()],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
