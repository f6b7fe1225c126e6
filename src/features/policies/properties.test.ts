import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';

/**
 * Property-based tests of the forms of policies, Shine the Light and breaches: whatever arrives,
 * never a 500, always a page with a message (or a redirect), and never half a record.
 */

const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r\n\r\nSet-Cookie: x=1',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '//evil.example/',
  '/\\evil.example',
  '\u202eevil\u202c',
  '\ud800',
  '🦩'.repeat(300),
  'a'.repeat(20_000),
  '2026-02-30',
  '9999-99-99',
  '-1',
  'NaN',
  '__proto__',
  'on',
  'now',
  'date',
  'all',
  'name',
] as const;

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE.slice(0, 12)), { minLength: 2, maxLength: 3 }) },
);

function hostile(base: Record<string, string | string[]>): fc.Arbitrary<Record<string, string | string[]>> {
  const keys = [...Object.keys(base), '__proto__', 'constructor'];
  return fc.dictionary(fc.constantFrom(...keys), fc.option(text, { nil: undefined }), { maxKeys: 4 }).map((overrides) => {
    const out: Record<string, string | string[]> = { ...base };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
    return out;
  });
}

let ip = 0;
const nextIp = (): string => `198.19.${Math.floor(++ip / 250) % 250}.${(ip % 250) + 1}`;

describe('policy, Shine the Light and breach forms under random and hostile input', () => {
  let t: TestApp;
  let officer: string;
  before(async () => {
    t = await buildTestApp();
    officer = await t.signIn(['privacy_officer']);
  });
  after(() => t.close());

  const count = async (table: 'shine_requests' | 'policy_versions' | 'marketing_disclosures' | 'breach_incidents' | 'policy_acceptances') =>
    Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  function post(url: string, fields: Record<string, string | string[]>, as?: string) {
    return t.request({ method: 'POST', url, remoteAddress: nextIp(), ...(as ? { as } : {}), ...form(fields) });
  }

  function assertAnswer(status: number, body: string, location: unknown): void {
    assert.ok(status < 500, `status ${status}`);
    if (status === 303) {
      assert.match(String(location), /^\/(?![/\\])[\x21-\x7e]*$/, 'only our own paths');
      return;
    }
    assert.match(body, /class="error-summary"|class="error"|class="notice|<h1>/, `no message in a ${status} page`);
    assert.doesNotMatch(body.replace(/="[^"]*"/g, '=""').replace(/<textarea[^>]*>[^<]*<\/textarea>/g, ''), /<script>alert\(1\)<\/script>|<img src=x/, 'hostile text is escaped');
  }

  test('Shine the Light request: a refused form stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostile({ name: 'Casey', email: 'casey@example.test', california: 'on' }), async (fields) => {
        const before = await count('shine_requests');
        const res = await post('/privacy/california', fields);
        assertAnswer(res.statusCode, res.body, res.headers.location);
        assert.ok([303, 422].includes(res.statusCode), `status ${res.statusCode}`);
        if (res.statusCode === 422) assert.equal(await count('shine_requests'), before);
      }),
      { numRuns: 80 },
    );
    for (const token of ['\u0000', 'x'.repeat(500), "' OR 1=1 --"]) {
      const res = await post('/privacy/california/confirm', { token });
      assert.equal(res.statusCode, 410);
    }
  });

  test('dismissing the notice of a new version: only our own paths, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(hostile({ returnTo: '/guides' }), async (fields) => {
        const res = await post('/policies/notice', fields);
        assertAnswer(res.statusCode, res.body, res.headers.location);
        assert.equal(res.statusCode, 303);
      }),
      { numRuns: 60 },
    );
  });

  test('accepting a policy: nothing recorded unless ticked', async () => {
    const member = await t.signIn(['member']);
    await fc.assert(
      fc.asyncProperty(hostile({ accept: 'on', next: '/account' }), async (fields) => {
        const before = await count('policy_acceptances');
        const res = await post('/policies/accept', fields, member);
        assertAnswer(res.statusCode, res.body, res.headers.location);
        assert.ok([303, 422].includes(res.statusCode), `status ${res.statusCode}`);
        // No material version is in force: there is nothing to accept, whatever is posted.
        assert.equal(await count('policy_acceptances'), before);
      }),
      { numRuns: 40 },
    );
  });

  test('back office: policy drafts, publication, the disclosure register, incidents', async () => {
    const body = '# Privacy Policy\n\n## Who we are\n\nA long enough text for a policy.';
    const draft = { document: 'privacy', summary_en: 'Change', summary_es: 'Cambio', body_en: body, body_es: body };
    await fc.assert(
      fc.asyncProperty(hostile(draft), async (fields) => {
        const before = await count('policy_versions');
        const res = await post('/admin/policies', fields, officer);
        assertAnswer(res.statusCode, res.body, res.headers.location);
        assert.ok([303, 409, 422].includes(res.statusCode), `status ${res.statusCode}`);
        if (res.statusCode !== 303) assert.equal(await count('policy_versions'), before);
      }),
      { numRuns: 40 },
    );
    const id = (await t.services.db.selectFrom('policy_versions').select('id').where('status', '=', 'draft').executeTakeFirst())?.id;
    if (id) {
      await fc.assert(
        fc.asyncProperty(hostile({ when: 'date', date: '2999-01-01' }), async (fields) => {
          const label = t.services.policyVersions.current('privacy');
          const res = await post(`/admin/policies/${id}/publish`, fields, officer);
          assertAnswer(res.statusCode, res.body, res.headers.location);
          assert.ok([303, 409, 422].includes(res.statusCode), `status ${res.statusCode}`);
          if (res.statusCode === 422) assert.equal(t.services.policyVersions.current('privacy'), label);
        }),
        { numRuns: 40 },
      );
    }
    await fc.assert(
      fc.asyncProperty(hostile({ year: '2025', recipient: 'Glow LLC', address: '1 Market St', categories: ['name', 'email'], markets: 'Skin care' }), async (fields) => {
        const before = await count('marketing_disclosures');
        const res = await post('/admin/shine-the-light/disclosures', fields, officer);
        assertAnswer(res.statusCode, res.body, res.headers.location);
        assert.ok([303, 422].includes(res.statusCode), `status ${res.statusCode}`);
        if (res.statusCode === 422) assert.equal(await count('marketing_disclosures'), before);
      }),
      { numRuns: 40 },
    );
    const incident = {
      title: 'Incident',
      discovered: '2026-11-30',
      occurred: '',
      categories: ['contact'],
      scope: 'selected',
      description_en: 'What happened.',
      description_es: 'Qué pasó.',
      actions_en: 'What we do.',
      actions_es: 'Qué hacemos.',
      advice_en: 'What you can do.',
      advice_es: 'Qué puede hacer.',
    };
    await fc.assert(
      fc.asyncProperty(hostile(incident), async (fields) => {
        const before = await count('breach_incidents');
        const res = await post('/admin/breaches', fields, officer);
        assertAnswer(res.statusCode, res.body, res.headers.location);
        assert.ok([303, 422].includes(res.statusCode), `status ${res.statusCode}`);
        if (res.statusCode === 422) assert.equal(await count('breach_incidents'), before);
      }),
      { numRuns: 40 },
    );
    for (const bad of ['%00', '..%2F..%2Fetc', 'x'.repeat(100)]) {
      for (const url of [`/admin/policies/${bad}`, `/admin/breaches/${bad}`, `/privacy/versions/${bad}`, `/admin/breaches/x?q=${bad}`]) {
        const res = await t.request({ url, as: officer, headers: { accept: 'text/html' } });
        assert.ok([400, 404].includes(res.statusCode), `${url}: ${res.statusCode}`);
      }
    }
  });
});
