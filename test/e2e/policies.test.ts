import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { createUser, findUserByEmail } from '../../src/core/auth/index.js';
import { Worker } from '../../src/core/jobs/index.js';
import { policyService } from '../../src/features/policies/index.js';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

describe('policy changes and California requests', () => {
  const env = useSiteAndBrowser();

  async function mailTo(to: string): Promise<string> {
    const { db, jobs } = env.site().services;
    await new Worker({ db, queue: jobs, log: pino({ level: 'silent' }) }).drain();
    const mail = await db.selectFrom('mail_messages').select('text').where('to_address', '=', to).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    return mail.text;
  }

  test('a material change of the privacy policy must be accepted by a signed-in member at the next visit', async () => {
    const site = env.site();
    const { db } = site.services;
    await db.transaction().execute(async (trx) => {
      await createUser(trx, { email: 'mia@example.test', name: 'Mia Member', password: 'plum orchard by the sea', locale: 'en', roles: ['member'], termsVersion: site.services.policyVersions.current('terms'), privacyVersion: site.services.policyVersions.current('privacy') });
      await createUser(trx, { email: 'olga@example.test', name: 'Olga Officer', password: 'a long enough staff password', locale: 'en', roles: ['privacy_officer'] });
    });
    await db.updateTable('users').set({ email_verified_at: new Date().toISOString() }).execute();

    const { page, problems } = await openPage(env.browser(), site);
    await page.goto(`${site.url}/account/sign-in`);
    await page.getByLabel('Email address').fill('mia@example.test');
    await page.getByLabel('Password', { exact: true }).fill('plum orchard by the sea');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${site.url}/account`);

    // Meanwhile the privacy officer publishes a material version 2.
    const officer = (await findUserByEmail(db, 'olga@example.test'))!;
    const actor = { id: officer.id, name: officer.name, email: officer.email, roles: officer.roles, sessionId: 'e2e', revealSensitiveMedia: false };
    const policies = policyService(site.services)!;
    const v1 = policies.inForce('privacy')!;
    const id = await policies.createDraft(actor, 'privacy', {
      body: { en: `${v1.body.en}\n\n## A new section\n\nWe now keep consultation photos for one year.\n`, es: `${v1.body.es}\n\n## Una sección nueva\n\nAhora conservamos las fotos de las consultas un año.\n` },
      summary: { en: 'We now keep consultation photos for one year.', es: 'Ahora conservamos las fotos de las consultas un año.' },
      material: true,
    });
    await policies.publish(actor, id, 'now');

    // Her next visit, whatever the page, stops at the new version.
    await page.goto(`${site.url}/guides`);
    await page.waitForURL(`${site.url}/policies/accept?next=%2Fguides`);
    await page.getByRole('heading', { level: 1, name: 'Please review our updated terms' }).waitFor();
    assert.ok(await page.getByText('We now keep consultation photos for one year.').first().isVisible());
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await page.getByText('Tick the box to accept the new versions, or sign out.').first().waitFor();
    await expectAccessible(page);
    await page.getByLabel('I have read and accept the new versions').check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await page.waitForURL(`${site.url}/guides`);

    const rows = await db.selectFrom('policy_acceptances').selectAll().execute();
    const mia = (await findUserByEmail(db, 'mia@example.test'))!;
    assert.deepEqual(rows.map((r) => [r.user_id, r.document, Number(r.version)]), [[mia.id, 'privacy', 2]]);

    // The notice of the new version stays until she hides it.
    const notice = page.getByRole('region', { name: 'Our Privacy Policy has changed' });
    await notice.waitFor();
    await expectAccessible(page);
    await notice.getByRole('button', { name: 'Hide this notice' }).click();
    await page.waitForURL(`${site.url}/guides`);
    assert.equal(await page.getByRole('region', { name: 'Our Privacy Policy has changed' }).count(), 0);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy policy' }).click();
    await page.waitForURL(`${site.url}/privacy`);
    await page.getByText(/^Version 2 · Effective/).waitFor();
    await page.getByRole('link', { name: /^Version 1 · Effective/ }).click();
    await page.getByText('This is an earlier version, no longer in force.').waitFor();
    await expectAccessible(page);
    assert.deepEqual(problems, []);
  });

  test('Shine the Light: answered once, a second request in the same year is refused with the date to ask again', async () => {
    const site = env.site();
    const { page, problems } = await openPage(env.browser(), site);
    for (const round of [1, 2]) {
      await page.goto(`${site.url}/`);
      await page.getByRole('contentinfo').getByRole('link', { name: 'Your California privacy rights' }).click();
      await page.waitForURL(`${site.url}/privacy/california`);
      if (round === 1) await expectAccessible(page);
      await page.getByLabel('Your name').fill('Casey Resident');
      await page.getByLabel('Your email address').fill('casey@example.test');
      await page.getByLabel('I live in California').check();
      await page.getByRole('button', { name: 'Send the request' }).click();
      await page.getByText('Check your inbox and open the link').waitFor();
      const url = (await mailTo('casey@example.test')).match(/http:\/\/localhost:3000\/privacy\/california\/confirm\?token=[\w-]+/)![0].replace('http://localhost:3000', site.url);
      await page.goto(url);
      await page.getByRole('button', { name: 'Confirm and see the answer' }).click();
      if (round === 1) {
        await page.getByRole('heading', { level: 1, name: 'Our answer' }).waitFor();
        assert.ok(await page.getByText(/did not disclose personal information/).isVisible());
      } else {
        await page.getByRole('heading', { level: 1, name: 'You already received an answer this year' }).waitFor();
        assert.ok(await page.getByText(`You may ask again from January 1, ${new Date().getUTCFullYear() + 1}.`).isVisible());
      }
      await expectAccessible(page);
    }
    assert.deepEqual(problems.filter((p) => !/status of 409/.test(p)), []);
  });
});
