// Compiles TypeScript to dist/ and copies the non-code files the server reads at run time
// (legal texts, sample content and its drawings). Test fixtures stay behind.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const COPY = /\.(md|svg|txt)$/;
for (const entry of readdirSync('src', { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !COPY.test(entry.name)) continue;
  const from = join(entry.parentPath, entry.name);
  if (from.includes(`${join('procedures', 'fixtures')}`)) continue;
  cpSync(from, join('dist', relative('src', from)));
}
