import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { createUser } from '../../src/core/auth/index.js';
import { totpCode, totpStep } from '../../src/core/auth/totp.js';
import { nowIso } from '../../src/core/db/portable.js';
import { pdf } from '../support/media-fixtures.js';
import { expectAccessible, openPage, type Site, useSiteAndBrowser } from './support.js';

const PASSWORD = 'a long enough professional password';

/**
 * A verified professional (account, role and approved public profile, as staff approval leaves
 * them), signed in through the sign-in page and made to set up two-step sign-in there.
 */
async function verifiedProfessional(browser: Browser, site: Site, who: { name: string; email: string; slug: string }): Promise<{ page: Page; problems: string[] }> {
  const db = site.services.db;
  const userId = await db.transaction().execute((trx) => createUser(trx, { email: who.email, name: who.name, password: PASSWORD, locale: 'en', roles: ['professional'], emailVerified: true }));
  const now = nowIso();
  await db
    .insertInto('professional_profiles')
    .values({ user_id: userId, slug: who.slug, licence_number: 'ME-12345', licence_region: 'FL', specialty: 'plastic_surgery', board: 'abps', practice_name: 'Bayside Clinic', bio: '', status: 'approved', reviewed_at: now, created_at: now, updated_at: now })
    .execute();
  const session = await openPage(browser, site);
  await session.page.goto(`${site.url}/account/sign-in`);
  await session.page.getByLabel('Email address').fill(who.email);
  await session.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await session.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Professionals set up two-step sign-in before anything else.
  await session.page.waitForURL(`${site.url}/account/two-factor`);
  await session.page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const secret = ((await session.page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
  await session.page.getByLabel('Code from your app').fill(totpCode(secret, totpStep()));
  await session.page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await session.page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  return session;
}

/** The upload form whose heading is `heading` on an item's page. */
function uploadForm(page: Page, heading: string) {
  return page.locator('form.upload-form', { has: page.getByRole('heading', { name: heading }) });
}

describe('library: a professional uploads, an editor publishes, a visitor reveals a sensitive photo', () => {
  const env = useSiteAndBrowser();

  test('study PDF and nudity photo set -> submit -> publish -> visitor sees blurred photos and reveals one', async () => {
    const site = env.site();
    const { page, problems } = await verifiedProfessional(env.browser(), site, { name: 'Dr Dana Reyes', email: 'dana@example.test', slug: 'dr-dana-reyes' });

    // The first upload asks for the content licence.
    await page.goto(`${site.url}/library/items/new`);
    await page.waitForURL(/\/library\/licence/);
    await expectAccessible(page);
    await page.getByLabel('I accept the content licence').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'New library item' }).waitFor();
    await expectAccessible(page);

    // A study with its PDF.
    await page.getByLabel('Kind').selectOption('study');
    await page.getByLabel('Title').fill('Necklift outcomes at two years');
    await page.getByLabel('Summary').fill('Outcomes of 120 necklifts followed for two years.');
    await page.getByLabel('Text', { exact: true }).fill('We followed **120 patients** for two years.');
    await page.getByLabel('References').fill('Reyes D. Necklift outcomes. doi:10.1000/neck.2026');
    await page.getByLabel('Necklift').check();
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByText('Draft created.').waitFor();
    await expectAccessible(page);
    const study = uploadForm(page, 'Add the PDF');
    await study.getByLabel('Caption').fill('The full study');
    await study.getByLabel('File').setInputFiles({ name: 'necklift-study.pdf', mimeType: 'application/pdf', buffer: pdf('Necklift outcomes at two years') });
    await study.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('File added.').waitFor();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.').waitFor();
    await expectAccessible(page);

    // A photo set marked as containing nudity.
    await page.goto(`${site.url}/library/items/new`);
    await page.getByLabel('Kind').selectOption('photo_set');
    await page.getByLabel('Title').fill('Abdominoplasty before and after');
    await page.getByLabel('Summary').fill('Photos of one abdominoplasty, before and six months after.');
    await page.getByLabel('Contains nudity').check();
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByText('Draft created.').waitFor();
    for (const [alt, colour] of [['Abdomen before surgery', '#c89078'], ['Abdomen six months after', '#b88068']] as const) {
      const photos = uploadForm(page, 'Add a photo');
      await photos.getByLabel('Describe the image').fill(alt);
      const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: colour } }).jpeg().toBuffer();
      await photos.getByLabel('File').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await photos.getByRole('button', { name: 'Upload' }).click();
      await page.getByText('File added.').waitFor();
    }
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.').waitFor();

    // An editor publishes both from the review queue.
    const editor = await openPage(env.browser(), site);
    await editor.page.goto(await site.inviteEditor());
    await editor.page.getByLabel('Your name').fill('Erin Editor');
    await editor.page.getByLabel('Email address').fill('erin@example.test');
    await editor.page.getByLabel('Password', { exact: true }).fill('a long enough staff password');
    await editor.page.getByLabel('Type the password again').fill('a long enough staff password');
    await editor.page.getByRole('button', { name: 'Create account' }).click();
    await editor.page.waitForURL(`${site.url}/admin`);
    for (const title of ['Necklift outcomes at two years', 'Abdominoplasty before and after']) {
      await editor.page.goto(`${site.url}/admin/library`);
      await expectAccessible(editor.page);
      await editor.page.getByRole('link', { name: title }).click();
      await expectAccessible(editor.page);
      await editor.page.getByRole('button', { name: 'Publish' }).click();
      await editor.page.getByText('Published.').first().waitFor();
    }

    // A visitor finds the photo set with the site search: blurred, until they ask.
    const visitor = await openPage(env.browser(), site);
    await visitor.page.goto(`${site.url}/search`);
    await visitor.page.getByLabel('Search for').fill('abdominoplasty');
    await visitor.page.keyboard.press('Enter');
    const hit = visitor.page.locator('.search-hit').getByRole('link', { name: /Abdominoplasty before and after/ });
    await hit.waitFor();
    await expectAccessible(visitor.page);
    await hit.click();
    await visitor.page.getByRole('heading', { level: 1, name: 'Abdominoplasty before and after' }).waitFor();
    await expectAccessible(visitor.page);
    const show = visitor.page.getByRole('button', { name: 'Show image: Abdomen before surgery' });
    assert.equal(await visitor.page.getByRole('img', { name: 'Abdomen before surgery' }).count(), 0, 'the photo is not on the page before asking');
    assert.equal(await visitor.page.locator('.sensitive-placeholder').count(), 2);
    // The button works from the keyboard.
    await show.focus();
    await visitor.page.keyboard.press('Enter');
    const photo = visitor.page.getByRole('img', { name: 'Abdomen before surgery' });
    await photo.waitFor();
    assert.ok(await photo.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0), 'the photo loaded');
    assert.equal(await visitor.page.getByRole('img', { name: 'Abdomen six months after' }).count(), 0, 'the other photo stays hidden');
    await expectAccessible(visitor.page);

    // The study is public with its PDF.
    await visitor.page.goto(`${site.url}/library`);
    await visitor.page.getByRole('link', { name: 'Necklift outcomes at two years' }).click();
    const pdfLink = visitor.page.getByRole('link', { name: /Read the PDF/ });
    const res = await visitor.page.request.get(`${site.url}${await pdfLink.getAttribute('href')}`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    await expectAccessible(visitor.page);

    // The author names another author: the history keeps the change and the diff lists it.
    const studyId = (await site.services.db.selectFrom('library_items').select('id').where('title', '=', 'Necklift outcomes at two years').executeTakeFirstOrThrow()).id;
    await page.goto(`${site.url}/library/items/${studyId}/edit`);
    await page.getByLabel('Other authors').fill('Ana Ruiz');
    await page.getByLabel('What you changed (shown in the history)').fill('Credited Ana Ruiz');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await visitor.page.goto(`${site.url}/library/items/${studyId}/history`);
    await visitor.page.getByRole('cell', { name: 'Edited: Credited Ana Ruiz' }).waitFor();
    await expectAccessible(visitor.page);
    await visitor.page.getByRole('link', { name: 'Show changes' }).click();
    await visitor.page.getByRole('heading', { level: 2, name: 'Authors' }).waitFor();
    assert.deepEqual(await visitor.page.locator('.diff-list ins').allTextContents(), ['[added: Ana Ruiz]']);
    await expectAccessible(visitor.page);

    assert.deepEqual([...problems, ...editor.problems, ...visitor.problems], []);
  });
});
