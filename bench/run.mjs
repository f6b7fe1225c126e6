// Page-serving benchmark (issue: Foundation). Runs the built server (dist/) as a child process
// and measures, in one run on this machine:
//   (a) the exact bytes of a guide page served from memory by the same server (the floor),
//   (b) the same page rendered uncached, (c) the same page from the page cache,
// plus cold start to first 200 and resident memory after 10,000 requests.
// Results go to bench/REPORT.md. Machines are shared: compare ratios within one run.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { writeSection } from './report.mjs';

const PORT = 3977;
const BASE = `http://127.0.0.1:${PORT}`;
const SLUG = process.env.BENCH_SLUG ?? 'necklift';
const DURATION = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = 3;
const CONNECTIONS = 50;
const dataDir = join('bench', '.tmp', `data-${Date.now()}`);
mkdirSync(dataDir, { recursive: true });

function startServer() {
  const started = performance.now();
  // The same flags as `npm start` (a smaller young generation keeps RSS down; see README).
  const child = spawn(process.execPath, ['--max-semi-space-size=8', 'dist/main.js', 'serve'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, BENCH_ROUTES: '1', LOG_LEVEL: 'warn', PUBLIC_URL: BASE },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  current = child;
  return { child, started };
}

async function firstOk(url, started, timeoutMs = 60_000) {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`no 200 from ${url}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function stop(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function run(path, headers = {}, opts = {}) {
  const limit = opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? DURATION };
  return new Promise((resolve, reject) => {
    autocannon({ url: `${BASE}${path}`, connections: CONNECTIONS, headers, ...limit }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

let current;
process.on('uncaughtException', (error) => {
  current?.kill('SIGKILL');
  console.error(error);
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  current?.kill('SIGKILL');
  console.error(error);
  process.exit(1);
});

// 1. First start on an empty data directory: migrations and sample content (not the cold start).
let server = startServer();
const firstRunMs = await firstOk(`${BASE}/guides/${SLUG}`, server.started, 120_000);
await stop(server.child);

// 2. Cold start: an existing database, process start to first 200 of the guide page.
const coldStarts = [];
for (let i = 0; i < 3; i++) {
  server = startServer();
  coldStarts.push(await firstOk(`${BASE}/guides/${SLUG}`, server.started));
  if (i < 2) await stop(server.child);
}
const coldStartMs = Math.min(...coldStarts);

// 3. Throughput: warm up, then the three variants back to back on the same process.
const page = await (await fetch(`${BASE}/guides/${SLUG}`)).text();
const floorBody = await (await fetch(`${BASE}/__bench/floor/${SLUG}`)).text();
if (floorBody.length < 1000 || Math.abs(floorBody.length - page.length) > 200) throw new Error('floor page does not match the guide page');
await run(`/guides/${SLUG}`, { 'x-bench-no-cache': '1' }, { duration: 3 });
// Three rounds of the three variants back to back; each figure is the round with the median
// ratio to its own round's floor, so one noisy neighbour does not decide the result.
const rounds = [];
for (let i = 0; i < ROUNDS; i++) {
  const floorRun = await run(`/__bench/floor/${SLUG}`);
  const uncachedRun = await run(`/guides/${SLUG}`, { 'x-bench-no-cache': '1' });
  const cachedRun = await run(`/guides/${SLUG}`);
  rounds.push({ floor: floorRun, uncached: uncachedRun, cached: cachedRun });
}
const median = (key) => [...rounds].sort((x, y) => x[key].requests.average / x.floor.requests.average - y[key].requests.average / y.floor.requests.average)[Math.floor(ROUNDS / 2)];
const uncachedRound = median('uncached');
const cachedRound = median('cached');
const floor = uncachedRound.floor;
const uncached = uncachedRound.uncached;
const cached = cachedRound.cached;
const cachedFloor = cachedRound.floor;

const rssAfterRun = rssMb(server.child.pid);
await stop(server.child);

// 4. Memory: a fresh process, 10,000 requests (half rendered uncached, half from the cache).
server = startServer();
await firstOk(`${BASE}/guides/${SLUG}`, server.started);
await run(`/guides/${SLUG}`, { 'x-bench-no-cache': '1' }, { amount: 5_000 });
await run(`/guides/${SLUG}`, {}, { amount: 5_000 });
const rss = rssMb(server.child.pid);
await stop(server.child);
rmSync(dataDir, { recursive: true, force: true });

const rps = (r) => r.requests.average;
const row = (name, r, base = floor) => `| ${name} | ${Math.round(rps(r)).toLocaleString('en-US')} | ${(rps(r) / rps(base) * 100).toFixed(0)}% | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`;
const allRounds = rounds
  .map((r, i) => `| ${i + 1} | ${Math.round(rps(r.floor))} | ${Math.round(rps(r.uncached))} (${((rps(r.uncached) / rps(r.floor)) * 100).toFixed(0)}%, p99 ${r.uncached.latency.p99} ms) | ${Math.round(rps(r.cached))} (${((rps(r.cached) / rps(r.floor)) * 100).toFixed(0)}%) |`)
  .join('\n');
const results = {
  floorRps: rps(floor),
  uncachedRatio: rps(uncached) / rps(floor),
  cachedRatio: rps(cached) / rps(cachedFloor),
  uncachedP99: uncached.latency.p99,
  coldStartMs,
  rss,
};
const pass = (ok) => (ok ? 'met' : '**missed**');
const report = `## Pages (issue: Foundation)

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} GiB free), ${platform()} ${release()}, Node ${process.version}.
Date: ${new Date().toISOString()}. Command: \`npm run bench\` (builds, then \`node bench/run.mjs\`).

Server and load generator share the machine's 2 cores: absolute numbers are noisy, the ratios
within one run are what to compare. Page: \`/guides/${SLUG}\` (${(page.length / 1024).toFixed(1)} KiB of HTML),
autocannon, ${CONNECTIONS} connections, ${DURATION} s per variant and ${ROUNDS} rounds (the
median round is shown), SQLite, production build started as npm start does.

| variant | req/s | of floor | p50 ms | p99 ms | non-2xx |
|---|---:|---:|---:|---:|---:|
${row('(a) floor: same bytes from memory', floor)}
${row('(b) rendered, uncached', uncached)}
${row('(c) page cache', cached, cachedFloor)}

Every round (req/s; share of that round's floor):

| round | (a) floor | (b) uncached | (c) cached |
|---|---:|---:|---:|
${allRounds}

| target | figure | result |
|---|---|---|
| (b) ≥ 40% of (a) | ${(results.uncachedRatio * 100).toFixed(0)}% | ${pass(results.uncachedRatio >= 0.4)} |
| (c) ≥ 90% of (a) | ${(results.cachedRatio * 100).toFixed(0)}% | ${pass(results.cachedRatio >= 0.9)} |
| p99 of (b) < 25 ms at 50 connections | ${results.uncachedP99} ms | ${pass(results.uncachedP99 < 25)} |
| cold start to first 200 < 1 s | ${Math.round(coldStartMs)} ms (best of 3: ${coldStarts.map((x) => Math.round(x)).join(', ')}) | ${pass(coldStartMs < 1000)} |
| resident memory after 10,000 requests < 150 MB | ${rss.toFixed(0)} MB | ${pass(rss < 150)} |

Resident memory of the throughput process after its whole run (about ${Math.round(rounds.reduce((n, r) => n + r.floor.requests.total + r.uncached.requests.total + r.cached.requests.total, 0) / 1000)}k requests): ${rssAfterRun.toFixed(0)} MB.

First start on an empty data directory (migrations, sample content with image processing): ${Math.round(firstRunMs)} ms.
`;
writeSection('pages', report);
console.log(report);
