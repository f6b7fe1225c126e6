import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialectOf } from '../db/index.js';
import { en, type MessageKey } from '../i18n/en.js';
import { es } from '../i18n/es.js';
import { translate } from '../i18n/index.js';
import { keepKey, keptKey, nonPersonalTables, personalDataRegistry, purposeKey, whyKey } from './registry.js';

// The whole application, so every feature's declarations are loaded, on a migrated database.
let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

test('every column of every table is declared in the personal-data registry, and nothing else is', async () => {
  const schema = new Map((await t.services.db.introspection.getTables()).map((table) => [table.name, table.columns.map((c) => c.name).sort()]));
  const declared = new Map<string, string[]>([
    ...personalDataRegistry().map((e) => [e.table, [...Object.keys(e.personal), ...e.other].sort()] as [string, string[]]),
    ...nonPersonalTables()
      .filter((e) => !e.dialect || e.dialect === dialectOf(t.services.db))
      .map((e) => [e.table, [...e.columns, ...(e.dialectColumns?.[dialectOf(t.services.db)] ?? [])].sort()] as [string, string[]]),
  ]);
  const problems: string[] = [];
  for (const [table, columns] of schema) {
    const known = declared.get(table);
    if (!known) {
      problems.push(`table ${table} is not in the registry: declare it in its feature's privacy.ts`);
      continue;
    }
    for (const column of columns) if (!known.includes(column)) problems.push(`${table}.${column} is not declared: say whether it holds personal data`);
    for (const column of known) if (!columns.includes(column)) problems.push(`${table}.${column} is declared but not in the schema`);
  }
  for (const table of declared.keys()) if (!schema.has(table)) problems.push(`table ${table} is declared but not in the schema`);
  assert.deepEqual(problems, []);
});

test('each personal-data table says how a row is tied to a person, through declared columns', () => {
  const tables = new Map(personalDataRegistry().map((e) => [e.table, e]));
  for (const entry of tables.values()) {
    const columns = [...Object.keys(entry.personal), ...entry.other];
    assert.equal(new Set(columns).size, columns.length, `${entry.table}: a column is declared twice`);
    const { userId, email, parent } = entry.link;
    if (userId) assert.ok(columns.includes(userId), `${entry.table}: link column ${userId}`);
    if (email) assert.ok(columns.includes(email), `${entry.table}: link column ${email}`);
    if (parent) {
      assert.ok(tables.has(parent.table), `${entry.table}: parent ${parent.table} is registered`);
      assert.ok(columns.includes(parent.column), `${entry.table}: link column ${parent.column}`);
    }
    if (entry.retention.rule === 'days') assert.ok(columns.includes(entry.retention.from), `${entry.table}: retention counts from a declared column`);
    // Key rotation re-seals what the registry lists: a sealed column it does not list would keep an old key forever.
    for (const column of columns.filter((c) => c.endsWith('_sealed'))) assert.ok(entry.sealed?.columns?.[column], `${entry.table}.${column} is sealed: list it under sealed.columns`);
    for (const column of entry.files ?? []) assert.ok(columns.includes(column), `${entry.table}.${column} (file) is declared`);
    for (const column of [...Object.keys(entry.sealed?.columns ?? {}), ...Object.keys(entry.sealed?.files ?? {}), ...(entry.sealed ? [entry.sealed.key] : [])]) assert.ok(columns.includes(column), `${entry.table}.${column} (sealed) is declared`);
    // A table holding medical information must not be tied to nobody: erasure must find it.
    if (Object.values(entry.personal).includes('medical')) assert.ok(userId || email || parent, `${entry.table}: medical data must be findable for erasure`);
  }
});

test('every table has its prose in both catalogues, and the catalogues hold no registry text for nothing', () => {
  const used = new Set<string>();
  const need = (key: string | null, table: string) => {
    if (!key) return;
    used.add(key);
    for (const [language, catalogue] of [['en', en], ['es', es]] as const) {
      assert.ok(Object.hasOwn(catalogue, key) && catalogue[key as MessageKey].trim(), `${table}: ${key} is missing from ${language}.ts`);
    }
    assert.notEqual(es[key as MessageKey], en[key as MessageKey], `${key}: the Spanish is the English text`);
  };
  for (const entry of personalDataRegistry()) {
    need(purposeKey(entry), entry.table);
    need(keptKey(entry), entry.table);
    need(keepKey(entry), entry.table);
  }
  for (const entry of nonPersonalTables()) need(whyKey(entry), entry.table);
  const orphans = Object.keys(en).filter((key) => key.startsWith('registry.') && !used.has(key));
  assert.deepEqual(orphans, [], 'catalogue texts no registered table reads (a table renamed or dropped, or a rule changed)');
});

test("the data inventory reads the registry's prose in the officer's language", async () => {
  const officer = await t.signIn(['privacy_officer'], 'inventory.officer@example.test');
  for (const locale of ['en', 'es'] as const) {
    const page = await t.request({ url: locale === 'es' ? '/es/admin/data-inventory' : '/admin/data-inventory', as: officer });
    assert.equal(page.statusCode, 200);
    for (const key of ['registry.users.purpose', 'registry.library.kept', 'registry.audit_events.keep', 'registry.guide_related.why'] as const) {
      assert.ok(page.body.includes(translate(locale, key)), `${locale}: ${key}`);
    }
  }
});
