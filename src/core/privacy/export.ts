import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { FieldCipher } from '../crypto/index.js';
import type { Db } from '../db/index.js';
import { readJson } from '../db/portable.js';
import { type MediaStorage, readObject } from '../media/storage.js';
import type { PersonalDataTable } from './registry.js';
import { type DataSubject, loose, parentIdsOf, registryInLinkOrder, subjectFilter } from './subject.js';

/** The texts of the README, in the person's language (the caller translates). */
export interface ExportTexts {
  readonly title: string;
  readonly intro: string;
  readonly tablesHeading: string;
  readonly filesHeading: string;
  readonly notExported: string;
  readonly purpose: (entry: PersonalDataTable) => string;
  readonly retention: (entry: PersonalDataTable) => string;
  readonly lawfulBasis: (entry: PersonalDataTable) => string;
}

export interface ExportSummary {
  readonly tables: number;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
}

/** Categories never copied into an export: password hashes, secrets and keys protect the account, they are not about the person. */
const WITHHELD = new Set(['credentials']);

/** Columns that name another account (authors, reviewers, granters): the person sees their own id only. */
const isUserRef = (column: string) => /(_by|author_id|actor_id|assigned_to|user_id)$/.test(column);

function extensionOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'png';
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[8] === 0x57) return 'webp';
  if (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70) return /avif/.test(Buffer.from(bytes.subarray(8, 12)).toString()) ? 'avif' : 'mp4';
  if (bytes[0] === 0x25 && bytes[1] === 0x50) return 'pdf';
  return 'bin';
}

/** A JSON-friendly value: times as ISO strings, bytes as base64. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}

/**
 * Writes a ZIP of everything the registry finds about a person to `out`: one JSON file per
 * table with rows for them (their personal columns plus ids and times; sealed values opened;
 * credentials withheld; other people's account ids removed), their files under files/ (sealed
 * files opened), and a manifest saying what each file is, why it is held, on what lawful basis
 * and for how long (index.json for machines, README.txt for people). Streams: one table's rows
 * and one file at a time are in memory.
 */
export async function writeExport(
  deps: { readonly db: Db; readonly cipher: FieldCipher; readonly storage: MediaStorage },
  subject: DataSubject,
  texts: ExportTexts,
  out: Writable,
): Promise<ExportSummary> {
  const { db, cipher, storage } = deps;
  let bytes = 0;
  let failed: Error | null = null;
  const done = new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.on('finish', resolve);
  });
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failed = err;
      return;
    }
    bytes += chunk.length;
    out.write(chunk);
    if (final) out.end();
  });
  const drain = async () => {
    if (failed) throw failed;
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  const addBytes = async (name: string, data: Uint8Array, compress: boolean) => {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(file);
    file.push(data, true);
    await drain();
  };
  const addStream = async (name: string, stream: AsyncIterable<Uint8Array>) => {
    const file = new ZipPassThrough(name);
    zip.add(file);
    for await (const chunk of stream) {
      file.push(chunk);
      await drain();
    }
    file.push(new Uint8Array(0), true);
    await drain();
  };

  const parentIds = await parentIdsOf(db, subject);
  const own = new Set(subject.userIds);
  const manifest: { file: string; table: string; owner: string; purpose: string; lawfulBasis: string; retention: string; rows: number; columns: Record<string, string>; withheld: string[] }[] = [];
  const files: { file: string; table: string; column: string; row: unknown }[] = [];
  const mediaIds = new Set<string>();
  let rowCount = 0;

  for (const entry of registryInLinkOrder()) {
    const filter = subjectFilter(entry, subject, parentIds);
    if (!filter) continue;
    const withheld = Object.entries(entry.personal).filter(([, category]) => WITHHELD.has(category)).map(([c]) => c);
    const personal = Object.keys(entry.personal).filter((c) => !withheld.includes(c));
    const kept = entry.other.filter((c) => c === 'id' || c.endsWith('_id') || c.endsWith('_at'));
    const columns = [...new Set([...kept, ...personal])];
    const sealedColumns = entry.sealed?.columns ?? {};
    const sealedFiles = entry.sealed?.files ?? {};
    // Sealed contexts are rebuilt from the row: read every column, write only those chosen.
    const rows: Record<string, unknown>[] = await loose(db).selectFrom(entry.table).selectAll().where(filter).execute();
    if (!rows.length) continue;
    const others = new Set<string>();
    const refs = [...new Set(rows.flatMap((r) => columns.filter(isUserRef).map((c) => r[c]).filter((v): v is string => typeof v === 'string' && !own.has(v))))];
    for (let i = 0; i < refs.length; i += 500) {
      for (const u of await db.selectFrom('users').select('id').where('id', 'in', refs.slice(i, i + 500)).execute()) others.add(u.id);
    }
    const out: Record<string, unknown>[] = [];
    for (const row of rows) {
      const copy: Record<string, unknown> = {};
      for (const c of columns) {
        let value = row[c];
        if (typeof value === 'string' && sealedColumns[c]) value = cipher.decryptText(value, sealedColumns[c](row));
        if (typeof value === 'string' && isUserRef(c) && others.has(value)) value = null;
        copy[c] = plain(value);
      }
      for (const [c, context] of Object.entries(sealedFiles)) {
        const key = row[c];
        if (typeof key !== 'string') continue;
        const sealed = await readObject(storage, key);
        if (!sealed) continue;
        const clear = cipher.decrypt(sealed.toString('utf8'), context(row));
        const name = `files/${entry.table}/${String(row[entry.sealed!.key])}-${c}.${extensionOf(clear)}`;
        await addBytes(name, clear, false);
        copy[c] = name;
        files.push({ file: name, table: entry.table, column: c, row: row[entry.sealed!.key] });
      }
      for (const c of Object.keys(row)) if (c.endsWith('media_id') && typeof row[c] === 'string') mediaIds.add(row[c]);
      if (entry.table === 'media' && typeof row.id === 'string') mediaIds.add(row.id);
      out.push(copy);
    }
    const file = `tables/${entry.table}.json`;
    await addBytes(file, Buffer.from(JSON.stringify(out, null, 2)), true);
    rowCount += out.length;
    manifest.push({
      file,
      table: entry.table,
      owner: entry.owner,
      purpose: texts.purpose(entry),
      lawfulBasis: entry.lawfulBasis,
      retention: texts.retention(entry),
      rows: out.length,
      columns: Object.fromEntries(columns.map((c) => [c, entry.personal[c] ?? 'id/time'])),
      withheld,
    });
  }

  // Their uploads and pictures: the file itself, or an image's largest JPEG (else largest) variant.
  const ids = [...mediaIds];
  for (let i = 0; i < ids.length; i += 500) {
    const media = await db.selectFrom('media').select(['id', 'file_key', 'variants']).where('id', 'in', ids.slice(i, i + 500)).orderBy('id').execute();
    for (const m of media) {
      let key = m.file_key;
      if (!key) {
        const variants = m.variants ? readJson<{ key: string; format: string; width: number }[]>(m.variants) : [];
        const best = [...variants].sort((a, b) => Number(b.format === 'jpeg') - Number(a.format === 'jpeg') || b.width - a.width)[0];
        key = best?.key ?? null;
      }
      if (!key) continue;
      const object = await storage.open(key);
      if (!object) continue;
      const name = `files/media/${m.id}.${/\.p?([a-z0-9]+)$/.exec(key)?.[1] ?? 'bin'}`;
      await addStream(name, object.stream);
      files.push({ file: name, table: 'media', column: m.file_key ? 'file_key' : 'variants', row: m.id });
    }
  }

  const index = { generatedAt: new Date().toISOString(), tables: manifest, files };
  await addBytes('index.json', Buffer.from(JSON.stringify(index, null, 2)), true);
  const readme = [
    texts.title,
    '',
    texts.intro,
    '',
    texts.tablesHeading,
    ...manifest.flatMap((m) => ['', `${m.file} (${m.rows})`, `  ${m.purpose}`, `  ${texts.lawfulBasis(registryInLinkOrder().find((e) => e.table === m.table)!)}`, `  ${m.retention}`, ...(m.withheld.length ? [`  ${texts.notExported}: ${m.withheld.join(', ')}`] : [])]),
    '',
    `${texts.filesHeading}: ${files.length}`,
    '',
  ].join('\n');
  await addBytes('README.txt', Buffer.from(readme), true);
  zip.end();
  await done;
  if (failed) throw failed;
  return { tables: manifest.length, rows: rowCount, files: files.length, bytes };
}
