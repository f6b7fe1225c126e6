const { buildApp } = await import('/work/main/src/app.ts');
const { loadConfig } = await import('/work/main/src/core/config/index.ts');
const { app } = await buildApp(loadConfig({ DATA_DIR: '/tmp/benchdata', LOG_LEVEL: 'silent', BENCH_ROUTES: 'true' }));
await app.ready();
const mb = (x) => Math.round(x / 1e6);
for (const url of ['/robots.txt', '/__bench/floor/necklift']) {
  global.gc?.();
  const a = process.memoryUsage();
  for (let i = 0; i < 5000; i++) await app.inject({ url, headers: { 'x-bench-no-cache': '1' } });
  global.gc?.();
  const b = process.memoryUsage();
  console.log(url, 'heapUsed +', mb(b.heapUsed - a.heapUsed), 'ab +', mb(b.arrayBuffers - a.arrayBuffers));
}
await app.close();
