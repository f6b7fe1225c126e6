import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { readJson } from '../../core/db/portable.js';
import { enrolTotp, lastMail, registerVerified, signIn } from './test-helpers.js';

describe('professional registration and verification by staff', () => {
  let t: TestApp;
  let moderator: string;
  before(async () => {
    t = await buildTestApp();
    moderator = await t.signIn(['moderator'], 'mod@example.test');
  });
  after(() => t.close());

  const db = () => t.services.db;
  const userId = async (email: string) => (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  test('the form asks for the licence, specialty, board and practice; an application waits in the queue', async () => {
    const page = await t.request({ url: '/account/register/professional' });
    assert.equal(page.statusCode, 200);
    for (const name of ['licenceNumber', 'licenceRegion', 'specialty', 'board', 'practiceName', 'bio', 'birthDay', 'terms']) assert.match(page.body, new RegExp(`name="${name}"`));
    const bad = await t.request({ method: 'POST', url: '/account/register/professional', remoteAddress: '192.0.2.50', ...form({ name: 'Dr. X', email: 'x@example.test' }) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choose one of the options/);

    await registerVerified(t, 'ines@example.test', {}, '/account/register/professional');
    const id = await userId('ines@example.test');
    const profile = await db().selectFrom('professional_profiles').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(profile.status, 'pending');
    assert.equal(profile.slug, 'dr-ines-alvarez');
    const roles = await db().selectFrom('user_roles').select('role').where('user_id', '=', id).execute();
    assert.deepEqual(roles.map((r) => r.role), ['member'], 'no professional role before approval');
    assert.equal((await t.request({ url: '/professionals/dr-ines-alvarez' })).statusCode, 404, 'no public profile before approval');

    const queue = await t.request({ url: '/admin/professionals', as: moderator });
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Dr. Inés Álvarez/);
    const detail = await t.request({ url: `/admin/professionals/${id}`, as: moderator });
    assert.match(detail.body, /ME 123456/);
    assert.match(detail.body, /Email confirmed/);

    const member = (await signIn(t, 'ines@example.test')).token!;
    assert.equal((await t.request({ url: '/admin/professionals', as: member, headers: { accept: 'application/json' } })).statusCode, 403);
    assert.equal((await t.request({ method: 'POST', url: `/admin/professionals/${id}/approve`, as: member, headers: { accept: 'application/json' } })).statusCode, 403);
    const editor = await t.signIn(['editor']);
    assert.equal((await t.request({ url: '/admin/professionals', as: editor, headers: { accept: 'application/json' } })).statusCode, 403, 'editors do not verify professionals');
  });

  test('approval grants the role, ends the applicant\'s sessions, publishes the profile with the badge, emails and audits', async () => {
    await registerVerified(t, 'approve@example.test', { name: 'Dr. Ana Ruiz' }, '/account/register/professional');
    const id = await userId('approve@example.test');
    const session = (await signIn(t, 'approve@example.test')).token!;
    const res = await t.request({ method: 'POST', url: `/admin/professionals/${id}/approve`, as: moderator });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/professionals?notice=decided');
    const roles = await db().selectFrom('user_roles').select(['role', 'granted_by']).where('user_id', '=', id).execute();
    assert.deepEqual(roles.map((r) => r.role).sort(), ['member', 'professional']);
    assert.equal((await t.request({ url: '/account', as: session, headers: { accept: 'application/json' } })).statusCode, 401, 'a privilege change ends sessions');

    const profile = await t.request({ url: '/professionals/dr-ana-ruiz' });
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, /Verified professional/);
    assert.match(profile.body, /Bayview Aesthetics/);
    assert.match(profile.body, /Plastic surgery/);
    assert.doesNotMatch(profile.body, /ME 123456|approve@example.test/, 'no licence number or email in public');
    assert.match((await t.request({ url: '/es/professionals/dr-ana-ruiz' })).body, /Profesional verificado/);
    assert.match((await t.request({ url: '/sitemap.xml' })).body, /\/professionals\/dr-ana-ruiz/);

    const again = (await signIn(t, 'approve@example.test')).token!;
    // A professional must set up a second factor before anything else.
    assert.equal((await t.request({ url: '/account', as: again })).headers.location, '/account/two-factor');
    await enrolTotp(t, again);
    assert.match((await t.request({ url: '/account', as: again })).body, /You are a verified professional/);

    // That sign-in came from a browser without the device cookie: a new sign-in email followed the decision.
    assert.equal((await lastMail(t, 'approve@example.test'))?.template, 'account.new_sign_in');
    const mail = await db().selectFrom('mail_messages').select('text').where('to_address', '=', 'approve@example.test').where('template', '=', 'account.professional_decision').executeTakeFirst();
    assert.match(mail?.text ?? '', /approved/);
    const event = await db().selectFrom('audit_events').selectAll().where('action', '=', 'professional.approved').where('target_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(event.actor_id, await userId('mod@example.test'));
    const twice = await t.request({ method: 'POST', url: `/admin/professionals/${id}/approve`, as: moderator });
    assert.equal(twice.headers.location, '/admin/professionals?notice=already');
  });

  test('rejection needs a reason, which is emailed to the applicant and kept out of the audit trail', async () => {
    await registerVerified(t, 'reject@example.test', { name: 'Pat Applicant' }, '/account/register/professional');
    const id = await userId('reject@example.test');
    const empty = await t.request({ method: 'POST', url: `/admin/professionals/${id}/reject`, as: moderator, ...form({ reason: '   ' }) });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /a rejection needs one/);
    assert.equal((await db().selectFrom('professional_profiles').select('status').where('user_id', '=', id).executeTakeFirstOrThrow()).status, 'pending');

    const reason = 'The licence number does not match the Florida Board of Medicine register.';
    const res = await t.request({ method: 'POST', url: `/admin/professionals/${id}/reject`, as: moderator, ...form({ reason }) });
    assert.equal(res.statusCode, 303);
    const row = await db().selectFrom('professional_profiles').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'rejected');
    assert.equal(row.reason, reason);
    assert.ok(row.reviewed_at);
    const mail = await lastMail(t, 'reject@example.test');
    assert.match(mail?.text ?? '', /does not match the Florida Board/);
    const event = await db().selectFrom('audit_events').selectAll().where('action', '=', 'professional.rejected').where('target_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(readJson(event.change), { withReason: true });
    assert.equal((await t.request({ url: `/professionals/${row.slug}` })).statusCode, 404);
    const roles = await db().selectFrom('user_roles').select('role').where('user_id', '=', id).execute();
    assert.deepEqual(roles.map((r) => r.role), ['member']);
    assert.match((await t.request({ url: '/admin/professionals?status=rejected', as: moderator })).body, /Pat Applicant/);
  });

  test('two professionals with the same name get different slugs', async () => {
    await registerVerified(t, 'same1@example.test', { name: 'Dr. Lee' }, '/account/register/professional');
    await registerVerified(t, 'same2@example.test', { name: 'Dr. Lee' }, '/account/register/professional');
    const slugs = await db().selectFrom('professional_profiles').select('slug').where('slug', 'like', 'dr-lee%').execute();
    assert.equal(new Set(slugs.map((s) => s.slug)).size, 2);
  });

  test('a professional adds a photo: checked by its bytes, shown on the public profile; others cannot', async () => {
    await registerVerified(t, 'photo@example.test', { name: 'Dr. Photo Genic' }, '/account/register/professional');
    await t.request({ method: 'POST', url: `/admin/professionals/${await userId('photo@example.test')}/approve`, as: moderator });
    const token = (await signIn(t, 'photo@example.test')).token!;
    await enrolTotp(t, token);
    const upload = (bytes: Buffer, as = token) => {
      const boundary = '----sutura-photo';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="me.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return t.request({ method: 'POST', url: '/account/photo', as, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const junk = await upload(Buffer.from('this is not an image at all, just text'));
    assert.equal(junk.statusCode, 422);
    assert.match(junk.body, /not an image we accept/);
    const jpeg = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#8a9bb0' } }).jpeg().withMetadata({ exif: { IFD0: { Artist: 'Secret Camera Owner' } } }).toBuffer();
    const ok = await upload(jpeg);
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await t.request({ url: '/professionals/dr-photo-genic' });
    const src = /<img src="(\/media\/[^"]+)"/.exec(page.body)?.[1];
    assert.ok(src, 'the profile shows the photo');
    assert.match(page.body, /alt="Portrait of Dr. Photo Genic"/);
    const image = await t.request({ url: src });
    assert.equal(image.statusCode, 200);
    assert.ok(!image.rawPayload.includes(Buffer.from('Secret Camera Owner')), 'metadata removed');

    await registerVerified(t, 'plain-member@example.test');
    const member = (await signIn(t, 'plain-member@example.test')).token!;
    assert.equal((await upload(jpeg, member)).statusCode, 404, 'only someone with a professional application has a profile photo');
  });
});
