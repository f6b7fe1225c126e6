import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import pino from 'pino';
import sharp from 'sharp';
import { totpCode, totpStep } from '../../src/core/auth/totp.js';
import { Worker } from '../../src/core/jobs/index.js';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

describe('accounts: register, verify, sign in, sessions; professionals approved by staff; under-age refusal', () => {
  const env = useSiteAndBrowser();

  /** Runs the queued jobs (the site under test runs no worker) and returns the newest outbox text for `to`. */
  async function mailTo(to: string): Promise<string> {
    const { db, jobs } = env.site().services;
    await new Worker({ db, queue: jobs, log: pino({ level: 'silent' }) }).drain();
    const mail = await db.selectFrom('mail_messages').select('text').where('to_address', '=', to).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    return mail.text;
  }

  function link(text: string, pattern: RegExp): string {
    const found = text.match(pattern)?.[0];
    assert.ok(found, `no link matching ${pattern} in:\n${text}`);
    return found.replace('http://localhost:3000', env.site().url);
  }

  async function fillMember(page: Page, p: { name: string; email: string; password: string; day: string; month: string; year: string; country: string }): Promise<void> {
    await page.getByLabel('Your name').fill(p.name);
    await page.getByLabel('Email address', { exact: true }).fill(p.email);
    await page.getByLabel('Password', { exact: true }).fill(p.password);
    const birth = page.getByRole('group', { name: 'Date of birth' });
    await birth.getByLabel('Day').fill(p.day);
    await birth.getByLabel('Month').fill(p.month);
    await birth.getByLabel('Year').fill(p.year);
    await page.getByLabel('Country where you live').selectOption(p.country);
    await page.getByLabel('I accept the terms of use and the privacy policy.').check();
  }

  /** Sets up an authenticator app from the two-step page, as a person would; returns the secret and the step used. */
  async function setUpTotp(page: Page): Promise<{ secret: string; step: number }> {
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    await expectAccessible(page);
    const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    const step = totpStep();
    await page.getByLabel('Code from your app').fill(totpCode(secret, step));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    assert.equal(await page.locator('.recovery-codes li').count(), 10);
    await expectAccessible(page);
    return { secret, step };
  }

  test('a member registers, confirms the email, signs in, sets up two-step sign-in and signs out everywhere', async () => {
    const site = env.site();
    const { page, problems } = await openPage(env.browser(), site);
    await page.goto(`${site.url}/account/register`);
    await expectAccessible(page);

    // Sent empty: the error summary comes back, accessible.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page);

    await fillMember(page, { name: 'Rosa Member', email: 'rosa@example.test', password: 'plum orchard by the sea', day: '14', month: '3', year: '1988', country: 'CA' });
    assert.ok(await page.getByRole('main').getByText('stored and processed in the United States').isVisible());
    assert.equal(await page.getByLabel(/newsletter for patients/).isChecked(), false, 'the opt-in starts unticked');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${site.url}/account/register/sent`);
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessible(page);

    await page.goto(link(await mailTo('rosa@example.test'), /http:\/\/localhost:3000\/account\/verify\?token=[\w-]+/));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.getByText('Your email address is confirmed').waitFor();
    await expectAccessible(page);

    await page.getByLabel('Email address').fill('rosa@example.test');
    await page.getByLabel('Password', { exact: true }).fill('plum orchard by the sea');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${site.url}/account`);
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await expectAccessible(page);

    // Preferences: unblurred sensitive images start off; turning them on is saved.
    await page.getByRole('link', { name: /Your preferences/ }).click();
    await page.waitForURL(`${site.url}/account/preferences`);
    await expectAccessible(page);
    const reveal = page.getByLabel('Show sensitive medical images without blur');
    assert.equal(await reveal.isChecked(), false, 'off by default');
    await reveal.check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Your preferences are saved.').waitFor();
    assert.equal(await page.getByLabel('Show sensitive medical images without blur').isChecked(), true);
    await expectAccessible(page);
    await page.goto(`${site.url}/account`);

    // Two-step sign-in, offered to members from their account page.
    await page.getByRole('link', { name: 'Two-step sign-in' }).click();
    await page.waitForURL(`${site.url}/account/two-factor`);
    await expectAccessible(page);
    const { secret, step } = await setUpTotp(page);

    // Another browser signs in: the password, then a code from the app.
    const other = await openPage(env.browser(), site);
    await other.page.goto(`${site.url}/account/sign-in`);
    await other.page.getByLabel('Email address').fill('rosa@example.test');
    await other.page.getByLabel('Password', { exact: true }).fill('plum orchard by the sea');
    await other.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.page.waitForURL(`${site.url}/account/two-factor/verify`);
    await expectAccessible(other.page);
    await other.page.getByLabel('Code from your app').fill(totpCode(secret, step + 1));
    await other.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.page.waitForURL(`${site.url}/account`);

    await page.goto(`${site.url}/account`);
    await page.getByRole('link', { name: 'See where you are signed in' }).click();
    await page.waitForURL(`${site.url}/account/sessions`);
    assert.ok(await page.getByText('This device').isVisible());
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByText('You are signed out on every device.').waitFor();
    await expectAccessible(page);
    await page.goto(`${site.url}/account`);
    await page.waitForURL(/\/account\/sign-in/);
    // The other browser's session is gone too.
    await other.page.goto(`${site.url}/account`);
    await other.page.waitForURL(/\/account\/sign-in/);
    assert.deepEqual([...problems, ...other.problems], []);
  });

  test('a professional applies; an administrator approves; the public profile shows the badge', async () => {
    const site = env.site();
    const pro = await openPage(env.browser(), site);
    await pro.page.goto(`${site.url}/account/register`);
    await pro.page.getByRole('link', { name: /Apply for a professional account/ }).click();
    await pro.page.waitForURL(`${site.url}/account/register/professional`);
    await expectAccessible(pro.page);
    await fillMember(pro.page, { name: 'Dr. Inés Álvarez', email: 'ines@example.test', password: 'a surgeon who likes long passwords', day: '2', month: '11', year: '1975', country: 'US' });
    await pro.page.getByLabel('Licence number').fill('ME 123456');
    await pro.page.getByLabel('State or country that issued the licence').fill('Florida');
    await pro.page.getByLabel('Specialty').selectOption('plastic_surgery');
    await pro.page.getByLabel('Board certification').selectOption('abps');
    await pro.page.getByLabel('Practice name').fill('Bayview Aesthetics');
    await pro.page.getByLabel(/short biography/).fill('Twenty years of facial surgery in Miami.');
    await pro.page.getByRole('button', { name: 'Send application' }).click();
    await pro.page.waitForURL(`${site.url}/account/register/sent`);
    await pro.page.goto(link(await mailTo('ines@example.test'), /http:\/\/localhost:3000\/account\/verify\?token=[\w-]+/));
    await pro.page.getByRole('button', { name: 'Confirm my email address' }).click();
    await pro.page.getByText('Your email address is confirmed').waitFor();

    const admin = await openPage(env.browser(), site);
    await admin.page.goto(await site.invite(['admin']));
    await admin.page.getByLabel('Your name').fill('Ada Admin');
    await admin.page.getByLabel('Email address').fill('ada@example.test');
    await admin.page.getByLabel('Password', { exact: true }).fill('a long enough admin password');
    await admin.page.getByLabel('Type the password again').fill('a long enough admin password');
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await admin.page.waitForURL(`${site.url}/admin`);
    await admin.page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Professionals' }).click();
    await admin.page.waitForURL(`${site.url}/admin/professionals`);
    await expectAccessible(admin.page);
    await admin.page.getByRole('link', { name: 'Review the application of Dr. Inés Álvarez' }).click();
    await admin.page.getByText('ME 123456').waitFor();
    await expectAccessible(admin.page);
    await admin.page.getByRole('button', { name: 'Approve' }).click();
    await admin.page.getByText('Decision recorded and emailed to the applicant.').waitFor();
    await expectAccessible(admin.page);

    // Approval ended her sessions; she signs in again and adds a photo to her profile.
    await pro.page.goto(`${site.url}/account/sign-in`);
    await pro.page.getByLabel('Email address').fill('ines@example.test');
    await pro.page.getByLabel('Password', { exact: true }).fill('a surgeon who likes long passwords');
    await pro.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // A professional must set up two-step sign-in before anything else.
    await pro.page.waitForURL(`${site.url}/account/two-factor`);
    await pro.page.getByText('you must set up two-step sign-in before you continue').waitFor();
    await expectAccessible(pro.page);
    await pro.page.goto(`${site.url}/account`);
    await pro.page.waitForURL(`${site.url}/account/two-factor`);
    await setUpTotp(pro.page);
    await pro.page.goto(`${site.url}/account`);
    await pro.page.getByText('You are a verified professional.').waitFor();
    await expectAccessible(pro.page);
    const portrait = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#8a9bb0' } }).jpeg().toBuffer();
    await pro.page.getByLabel(/photo for your public profile/).setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: portrait });
    await pro.page.getByRole('button', { name: 'Upload the photo' }).click();
    await pro.page.getByText('Your photo is saved.').waitFor();
    await expectAccessible(pro.page);

    await pro.page.getByRole('link', { name: 'See your public profile' }).click();
    await pro.page.waitForURL(`${site.url}/professionals/dr-ines-alvarez`);
    await pro.page.getByRole('heading', { level: 1, name: 'Dr. Inés Álvarez' }).waitFor();
    assert.ok(await pro.page.getByText('Verified professional').isVisible());
    assert.ok(await pro.page.getByRole('img', { name: 'Portrait of Dr. Inés Álvarez' }).isVisible());
    await expectAccessible(pro.page);
    assert.match(await mailTo('ines@example.test'), /approved/);
    assert.deepEqual([...pro.problems, ...admin.problems], []);
  });

  test('someone under the minimum age is refused kindly, and the form does not come back', async () => {
    const site = env.site();
    const { page, problems } = await openPage(env.browser(), site);
    await page.goto(`${site.url}/account/register`);
    const year = String(new Date().getUTCFullYear() - 12);
    await fillMember(page, { name: 'Young Reader', email: 'young@example.test', password: 'my very first password', day: '1', month: '6', year, country: 'US' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'We cannot create an account for you' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${site.url}/account/register`);
    await page.getByRole('heading', { name: 'We cannot create an account for you' }).waitFor();
    assert.equal(await page.getByLabel('Year').count(), 0);
    const stored = await site.services.db.selectFrom('users').select('id').where('email', '=', 'young@example.test').executeTakeFirst();
    assert.equal(stored, undefined);
    assert.deepEqual(problems, []);
  });
});
