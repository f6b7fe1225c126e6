// Image pipeline benchmark (issue 4: media core). A 24-megapixel JPEG (6000 × 4000, photo-like:
// soft shapes with sensor grain, EXIF with GPS) goes through processImage, as an upload does: auto-orient,
// metadata dropped, AVIF, WebP and JPEG at every variant width, and the placeholder. Each run is
// a fresh process, so its peak resident memory (VmHWM) is that of one upload, Node included.
// Targets: under 2 s and under 400 MB.
//
//   npm run bench:media            (BENCH_RUNS=5 by default)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { machine, writeSection } from './report.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 2000;
const TARGET_MB = 400;

if (process.argv[2] === 'run') {
  const { processImage } = await import('../src/core/media/images.ts');
  // libvips loaded, as in a server after its first upload: the figure is the processing itself.
  await import('sharp');
  const bytes = readFileSync(process.argv[3]);
  const started = performance.now();
  const result = await processImage(bytes, (width, format) => `bench-${width}.${format}`);
  const ms = performance.now() - started;
  const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
  process.stdout.write(JSON.stringify({ ms, hwm, variants: result.variants.length }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'sutura-bench-media-'));
const file = join(dir, 'photo-24mp.jpg');
// Photo-like content: soft shapes (low-resolution noise, upscaled) with sensor grain on top.
// (Pure noise would not be a photo: it defeats every encoder, AVIF most.)
const low = Buffer.alloc(300 * 200 * 3);
for (let i = 0; i < low.length; i++) low[i] = (Math.random() * 256) | 0;
const { data: smooth } = await sharp(low, { raw: { width: 300, height: 200, channels: 3 } }).resize(6000, 4000, { kernel: 'cubic' }).raw().toBuffer({ resolveWithObject: true });
for (let i = 0; i < smooth.length; i++) smooth[i] = Math.max(0, Math.min(255, smooth[i] + ((Math.random() * 24) | 0) - 12));
const jpeg = await sharp(smooth, { raw: { width: 6000, height: 4000, channels: 3 } })
  .jpeg({ quality: 90 })
  .withExif({ IFD0: { Make: 'Bench', Model: 'Camera 24', Software: 'sutura-bench' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 46/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '80/1 11/1 0/1' } })
  .toBuffer();
writeFileSync(file, jpeg);

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/media.mjs', 'run', file], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (child.status !== 0) throw new Error(`run ${i + 1} failed: ${child.stderr}`);
  runs.push(JSON.parse(child.stdout));
  console.log(`run ${i + 1}: ${runs.at(-1).ms.toFixed(0)} ms, peak ${runs.at(-1).hwm.toFixed(0)} MB`);
}
rmSync(dir, { recursive: true, force: true });

const sorted = (key) => runs.map((r) => r[key]).sort((a, b) => a - b);
const median = (key) => sorted(key)[Math.floor(RUNS / 2)];
const worst = (key) => sorted(key).at(-1);
writeSection(
  'media',
  `## Image pipeline (issue 4)

Machine: ${machine()}.
Date: ${new Date().toISOString()}. Command: \`npm run bench:media\`.

One 24-megapixel JPEG (6000 × 4000, ${(jpeg.length / 2 ** 20).toFixed(1)} MiB, EXIF with GPS; photo-like content: soft shapes with sensor grain) through \`processImage\`: auto-orient,
metadata dropped, ${runs[0].variants} variants (AVIF, WebP and JPEG at each width) and the placeholder. Each run is a fresh
process with sharp already loaded (as in a server after its first upload); peak memory is the process's VmHWM,
Node and libvips included.

| runs | median | slowest | peak memory, median | peak memory, highest |
| ---: | ---: | ---: | ---: | ---: |
| ${RUNS} | ${median('ms').toFixed(0)} ms | ${worst('ms').toFixed(0)} ms | ${median('hwm').toFixed(0)} MB | ${worst('hwm').toFixed(0)} MB |

Targets: under ${TARGET_MS / 1000} s (${worst('ms') < TARGET_MS ? 'met by every run' : median('ms') < TARGET_MS ? 'met by the median, not every run' : '**missed**'}) and under ${TARGET_MB} MB (${worst('hwm') < TARGET_MB ? 'met' : '**missed**'}).`,
);
console.log('written to bench/REPORT.md');
