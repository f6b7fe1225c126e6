import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';

const body = (title: string, extra: string) => `# ${title}\n\n## Who we are\n\n{legalEntity} runs this site. ${extra}\n`;

describe('policy versions', () => {
  let t: TestApp;
  let officer: string;
  let member: string;

  before(async () => {
    t = await buildTestApp();
    officer = await t.signIn(['privacy_officer']);
    member = await t.signIn(['member']);
    // The member accepted version 1 at registration, as the registration form records it.
    await t.services.db.updateTable('users').set({ terms_version: t.services.policyVersions.current('terms'), privacy_version: t.services.policyVersions.current('privacy') }).where('name', '=', 'Test User 2').execute();
  });
  after(() => t.close());

  const versions = (document: string) => t.services.db.selectFrom('policy_versions').selectAll().where('document', '=', document).orderBy('version').execute();

  test('the static texts become version 1 of each document, with the same label consents always kept', async () => {
    for (const document of ['terms', 'privacy']) {
      const rows = await versions(document);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.status, 'published');
      assert.match(rows[0]!.body_en, /^# /);
      assert.match(rows[0]!.body_es, /^# /);
    }
    assert.equal(t.services.policyVersions.current('privacy'), 'Version 1 · Effective 22 November 2026');
    const page = await t.request({ url: '/privacy' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Version 1 · Effective November 22, 2026/);
    assert.match(page.body, /Shine the Light/);
    const es = await t.request({ url: '/es/terms' });
    assert.equal(es.statusCode, 200);
    assert.match(es.body, /Versión 1/);
  });

  test('the back office is for privacy officers; bad drafts come back with messages and write nothing', async () => {
    assert.equal((await t.request({ url: '/admin/policies', headers: { accept: 'application/json' } })).statusCode, 401);
    assert.equal((await t.request({ url: '/admin/policies', as: member, headers: { accept: 'application/json' } })).statusCode, 403);
    const list = await t.request({ url: '/admin/policies', as: officer });
    assert.equal(list.statusCode, 200);
    const bad = await t.request({ method: 'POST', url: '/admin/policies', as: officer, ...form({ document: 'privacy', summary_en: '', summary_es: 'x', body_en: 'no title here but long enough text', body_es: 'short' }) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /This field is required/);
    assert.match(bad.body, /Start the text with its title/);
    assert.equal((await versions('privacy')).length, 1);
  });

  test('a material version published now: a new notice for visitors, acceptance at the member\'s next visit', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/admin/policies',
      as: officer,
      ...form({ document: 'privacy', summary_en: 'We now share data with nobody new.', summary_es: 'Ahora no compartimos datos con nadie nuevo.', body_en: body('Privacy Policy', 'Version two.'), body_es: body('Política de privacidad', 'Versión dos.'), material: 'on' }),
    });
    assert.equal(created.statusCode, 303);
    const id = created.headers.location!.split('/').at(-1)!.split('?')[0]!;
    const preview = await t.request({ url: `/admin/policies/${id}`, as: officer });
    assert.match(preview.body, /Version two\./);
    assert.match(preview.body, /Versión dos\./);
    // Still a draft: the public page is version 1 and nobody is asked anything.
    assert.match((await t.request({ url: '/privacy' })).body, /Version 1 ·/);
    assert.equal((await t.request({ url: '/account', as: member })).statusCode, 200);

    const past = await t.request({ method: 'POST', url: `/admin/policies/${id}/publish`, as: officer, ...form({ when: 'date', date: '2001-01-01' }) });
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /cannot take effect in the past/);
    const published = await t.request({ method: 'POST', url: `/admin/policies/${id}/publish`, as: officer, ...form({ when: 'now' }) });
    assert.equal(published.statusCode, 303);
    assert.match(t.services.policyVersions.current('privacy'), /^Version 2 · /);

    const page = await t.request({ url: '/privacy' });
    assert.match(page.body, /Version 2 ·/);
    assert.match(page.body, /We now share data with nobody new\./);
    assert.match(page.body, /href="\/privacy\/versions\/1"/);
    // The notice of a new version, until dismissed (a strictly necessary cookie).
    const home = await t.request({ url: '/' });
    assert.match(home.body, /Our Privacy Policy has changed/);
    const dismissed = await t.request({ method: 'POST', url: '/policies/notice', ...form({ returnTo: '/' }) });
    assert.equal(dismissed.statusCode, 303);
    const cookie = String(dismissed.headers['set-cookie']).split(';')[0]!;
    assert.equal(cookie, 'sutura_policy_seen=privacy-2');
    assert.doesNotMatch((await t.request({ url: '/', headers: { cookie } })).body, /Our Privacy Policy has changed/);
    const old = await t.request({ url: '/privacy/versions/1' });
    assert.equal(old.statusCode, 200);
    assert.match(old.body, /no longer in force/);

    // The member must accept before continuing.
    const blocked = await t.request({ url: '/account', as: member });
    assert.equal(blocked.statusCode, 303);
    assert.equal(blocked.headers.location, '/policies/accept?next=%2Faccount');
    const posted = await t.request({ method: 'POST', url: '/account/profile', as: member, ...form({ name: 'x' }) });
    assert.equal(posted.statusCode, 303);
    assert.match(posted.headers.location!, /^\/policies\/accept/);
    const ask = await t.request({ url: '/policies/accept?next=%2Faccount', as: member });
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /We now share data with nobody new\./);
    const unticked = await t.request({ method: 'POST', url: '/policies/accept', as: member, ...form({ next: '/account' }) });
    assert.equal(unticked.statusCode, 422);
    assert.match(unticked.body, /Tick the box/);
    assert.equal((await t.services.db.selectFrom('policy_acceptances').select('id').execute()).length, 0);
    const accepted = await t.request({ method: 'POST', url: '/policies/accept', as: member, ...form({ accept: 'on', next: '/account' }) });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/account');
    const rows = await t.services.db.selectFrom('policy_acceptances').selectAll().execute();
    assert.deepEqual(rows.map((r) => [r.document, Number(r.version)]), [['privacy', 2]]);
    const audit = await t.services.db.selectFrom('audit_events').select(['action']).where('action', 'like', 'policy.%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['policy.accepted', 'policy.version_created', 'policy.version_published']);
    assert.equal((await t.request({ url: '/account', as: member })).statusCode, 200);
    // The officer (staff with no recorded version) is asked too.
    assert.equal((await t.request({ url: '/admin', as: officer })).statusCode, 303);
  });

  test('a version published for a later date is announced and not yet in force', async () => {
    await t.request({ method: 'POST', url: '/policies/accept', as: officer, ...form({ accept: 'on' }) });
    const created = await t.request({
      method: 'POST',
      url: '/admin/policies',
      as: officer,
      ...form({ document: 'terms', summary_en: 'Clearer words.', summary_es: 'Palabras más claras.', body_en: body('Terms of Use', 'Three.'), body_es: body('Condiciones de uso', 'Tres.') }),
    });
    const id = created.headers.location!.split('/').at(-1)!.split('?')[0]!;
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const published = await t.request({ method: 'POST', url: `/admin/policies/${id}/publish`, as: officer, ...form({ when: 'date', date: later }) });
    assert.equal(published.statusCode, 303, published.body.match(/class="error"[^<]*<|location[^,]*/)?.[0] ?? String(published.headers.location));
    const page = await t.request({ url: '/terms' });
    assert.match(page.body, /Version 1 ·/);
    assert.match(page.body, /Version 2 takes effect on/);
    assert.match(t.services.policyVersions.current('terms'), /^Version 1 · /);
    assert.equal((await t.request({ url: '/terms/versions/2' })).statusCode, 404);
  });
});

describe('records of collected personal data keep the version in force', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('Contact Us and Shine the Light requests record the privacy-policy version', async () => {
    const sent = await t.request({ method: 'POST', url: '/contact', remoteAddress: '192.0.2.77', ...form({ name: 'Val', email: 'val@example.test', topic: 'general', message: 'A question about the site.' }) });
    assert.equal(sent.statusCode, 303);
    const message = await t.services.db.selectFrom('contact_messages').select('policy_version').executeTakeFirstOrThrow();
    assert.equal(message.policy_version, t.services.policyVersions.current('privacy'));
    assert.match(message.policy_version ?? '', /^Version 1 · /);
    await t.request({ method: 'POST', url: '/privacy/california', remoteAddress: '192.0.2.78', ...form({ name: 'Val', email: 'val@example.test', california: 'on' }) });
    const shine = await t.services.db.selectFrom('shine_requests').select('policy_version').executeTakeFirstOrThrow();
    assert.equal(shine.policy_version, t.services.policyVersions.current('privacy'));
  });
});

describe('several apps in one process', () => {
  let first: TestApp;
  let second: TestApp;
  before(async () => {
    first = await buildTestApp();
    second = await buildTestApp();
  });
  after(async () => {
    await first.close();
    await second.close();
  });

  test('each app records the version in force in its own database, whichever was built last', async () => {
    const officer = await first.signIn(['privacy_officer']);
    const created = await first.request({
      method: 'POST',
      url: '/admin/policies',
      as: officer,
      ...form({ document: 'privacy', summary_en: 'Clearer wording.', summary_es: 'Redacción más clara.', body_en: body('Privacy Policy', 'Version two.'), body_es: body('Política de privacidad', 'Versión dos.') }),
    });
    assert.equal(created.statusCode, 303);
    const id = created.headers.location!.split('/').at(-1)!.split('?')[0]!;
    assert.equal((await first.request({ method: 'POST', url: `/admin/policies/${id}/publish`, as: officer, ...form({ when: 'now' }) })).statusCode, 303);

    for (const app of [first, second]) {
      const sent = await app.request({ method: 'POST', url: '/contact', remoteAddress: '192.0.2.90', ...form({ name: 'Val', email: 'val@example.test', topic: 'general', message: 'A question about the site.' }) });
      assert.equal(sent.statusCode, 303);
    }
    const recorded = (app: TestApp) => app.services.db.selectFrom('contact_messages').select('policy_version').executeTakeFirstOrThrow();
    assert.match((await recorded(first)).policy_version ?? '', /^Version 2 · /);
    assert.match((await recorded(second)).policy_version ?? '', /^Version 1 · /);
    assert.match(first.services.policyVersions.current('privacy'), /^Version 2 · /);
    assert.match(second.services.policyVersions.current('privacy'), /^Version 1 · /);
  });
});
