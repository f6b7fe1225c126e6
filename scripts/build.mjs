// Builds the server with esbuild into dist/main.js plus a few chunks for code loaded on first
// use (Markdown, text tools): one bundle loads several times faster than hundreds of ES modules
// (cold start; see bench/REPORT.md). Native modules and the optional PostgreSQL driver stay
// external. Type checking is `npm test`'s job.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: '@kitajs/html',
  external: ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg'],
  // Bundled CommonJS dependencies call require() for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
