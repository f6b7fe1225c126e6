// bench/REPORT.md holds one section per benchmark, each between its own markers, so running
// one benchmark rewrites its section and leaves the others' figures in place.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';

const FILE = 'bench/REPORT.md';

export function machine() {
  const gib = (n) => Math.round(n / 2 ** 30);
  return `${cpus().length} × ${cpus()[0]?.model.trim()}, ${gib(totalmem())} GiB RAM (${gib(freemem())} GiB free), ${platform()} ${release()}, Node ${process.version}`;
}

export function writeSection(name, markdown) {
  const begin = `<!-- begin:${name} -->`;
  const end = `<!-- end:${name} -->`;
  let text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmark report\n';
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  text = from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(FILE, text);
}
