import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { Worker } from '../../src/core/jobs/index.js';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

describe('a reader subscribes from a guide, confirms, receives an issue and unsubscribes', () => {
  const env = useSiteAndBrowser();

  /** Runs the queued jobs (the site under test runs no worker) and returns the newest outbox text for `to`. */
  async function deliverAndRead(to: string): Promise<string> {
    const { db, jobs } = env.site().services;
    await new Worker({ db, queue: jobs, log: pino({ level: 'silent' }) }).drain();
    const mail = await db.selectFrom('mail_messages').select(['text', 'status']).where('to_address', '=', to).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(mail.status, 'stored');
    return mail.text;
  }

  function link(text: string, pattern: RegExp): string {
    const found = text.match(pattern)?.[0];
    assert.ok(found, `no link matching ${pattern} in:\n${text}`);
    return found.replace('http://localhost:3000', env.site().url);
  }

  test('footer form -> confirmation email -> confirm -> issue sent by staff -> one-click unsubscribe', async () => {
    const reader = await openPage(env.browser(), env.site());
    const { page } = reader;
    await page.goto(`${env.site().url}/guides/necklift`);
    const footer = page.getByRole('form', { name: 'Get our newsletter' });
    await footer.getByLabel('Email for the newsletter').fill('reader@example.test');
    await footer.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(`${env.site().url}/newsletter?sent=1`);
    assert.ok(await page.getByText('Almost done').isVisible());
    await expectAccessible(page);

    const confirmation = await deliverAndRead('reader@example.test');
    await page.goto(link(confirmation, /http:\/\/localhost:3000\/newsletter\/confirm\?token=[\w-]+/));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
    await page.getByText('your subscription is confirmed').waitFor();
    assert.ok(await page.getByRole('checkbox', { name: /News for patients/ }).isChecked());
    await expectAccessible(page);

    // Staff write and send an issue.
    const staff = await openPage(env.browser(), env.site());
    await staff.page.goto(await env.site().inviteEditor());
    await staff.page.getByLabel('Your name').fill('Nora Newsletter');
    await staff.page.getByLabel('Email address').fill('nora@example.test');
    await staff.page.getByLabel('Password', { exact: true }).fill('a long enough staff password');
    await staff.page.getByLabel('Type the password again').fill('a long enough staff password');
    await staff.page.getByRole('button', { name: 'Create account' }).click();
    await staff.page.waitForURL(`${env.site().url}/admin`);
    await staff.page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Newsletters' }).click();
    await expectAccessible(staff.page);
    await staff.page.getByRole('link', { name: 'New issue' }).click();
    await staff.page.getByRole('group', { name: /English edition/ }).getByLabel('Subject').fill('Autumn at the practice');
    await staff.page.getByRole('group', { name: /English edition/ }).getByLabel('Text').fill('A **new** guide on necklifts.');
    await staff.page.locator('#preview-en strong', { hasText: 'new' }).waitFor();
    await expectAccessible(staff.page);
    await staff.page.getByRole('button', { name: 'Save draft' }).click();
    await staff.page.getByText('Issue created.').waitFor();
    await staff.page.getByRole('button', { name: 'Schedule sending' }).click();
    await staff.page.getByText('Issue scheduled.').waitFor();
    await expectAccessible(staff.page);

    const issue = await deliverAndRead('reader@example.test');
    assert.match(issue, /Autumn at the practice/);
    await page.goto(link(issue, /http:\/\/localhost:3000\/newsletter\/unsubscribe\?token=[\w.-]+/));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Unsubscribe from all' }).click();
    await page.getByText('You are unsubscribed').waitFor();
    await expectAccessible(page);

    // The sent issue is in the public archive.
    await page.goto(`${env.site().url}/newsletter`);
    await page.getByRole('link', { name: 'Autumn at the practice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Autumn at the practice' }).waitFor();
    await expectAccessible(page);

    const subscriber = await env.site().services.db.selectFrom('newsletter_subscribers').select('status').where('email', '=', 'reader@example.test').executeTakeFirstOrThrow();
    assert.equal(subscriber.status, 'unsubscribed');
    assert.deepEqual([...reader.problems, ...staff.problems], []);
  });
});
