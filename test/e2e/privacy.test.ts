import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import pino from 'pino';
import { createUser } from '../../src/core/auth/index.js';
import { Worker } from '../../src/core/jobs/index.js';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

describe('a first visitor and the cookie banner', () => {
  const env = useSiteAndBrowser();

  test('no cookie or outside request before a choice; reject all; change it from the footer', async () => {
    const { page, problems } = await openPage(env.browser(), env.site());
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${env.site().url}/guides/necklift`);
    const banner = page.getByRole('region', { name: 'Cookies on this site' });
    await banner.waitFor();
    await expectAccessible(page);
    assert.deepEqual(await page.context().cookies(), [], 'nothing stored before a choice');
    const storage = await page.evaluate('Object.keys(localStorage).length + Object.keys(sessionStorage).length');
    assert.equal(storage, 0);
    assert.ok(requests.every((url) => url.startsWith(env.site().url)), 'every request stays on the site');

    // "Reject all" is a button of the same kind and size as "Accept all", next to it.
    const accept = await banner.getByRole('button', { name: 'Accept all' }).boundingBox();
    const reject = await banner.getByRole('button', { name: 'Reject all' }).boundingBox();
    assert.ok(accept && reject && Math.abs(accept.height - reject.height) < 1 && Math.abs(accept.y - reject.y) < 1);
    await banner.getByRole('button', { name: 'Reject all' }).click();
    await page.waitForURL(`${env.site().url}/guides/necklift`);
    assert.equal(await page.getByRole('region', { name: 'Cookies on this site' }).count(), 0);
    const cookies = await page.context().cookies();
    assert.deepEqual(cookies.map((c) => c.name), ['sutura_consent']);
    assert.match(cookies[0]!.value, /\.000$/);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy choices' }).click();
    await page.waitForURL(`${env.site().url}/privacy/center`);
    await expectAccessible(page);
    assert.equal(await page.getByRole('checkbox', { name: /^Analytics/ }).isChecked(), false);
    await page.getByRole('checkbox', { name: /^Analytics/ }).check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByText('Your cookie choices are saved.').waitFor();
    assert.equal(await page.getByRole('checkbox', { name: /^Analytics/ }).isChecked(), true);
    assert.match((await page.context().cookies())[0]!.value, /\.010$/);
    await expectAccessible(page);
    assert.deepEqual(problems, []);
  });
});

describe('a member uses their rights: a copy of their data, then deleting the account', () => {
  const env = useSiteAndBrowser();

  test('request the export, download the ZIP, delete the account, fail to sign in', async () => {
    const site = env.site();
    const { db, jobs } = site.services;
    const password = 'a long and private passphrase';
    await db.transaction().execute((trx) => createUser(trx, { email: 'dora@example.test', name: 'Dora Datasubject', password, locale: 'en', roles: ['member'] }));
    const { page, problems } = await openPage(env.browser(), site);

    await page.goto(`${site.url}/account/sign-in`);
    await page.getByLabel('Email address').fill('dora@example.test');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${site.url}/account`);
    await page.getByRole('link', { name: 'Your privacy: download, correct or delete your data' }).click();
    await page.waitForURL(`${site.url}/account/privacy`);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Prepare my data' }).click();
    await page.getByText('We are preparing your data').waitFor();
    assert.ok(await page.getByText('Being prepared').isVisible());
    await expectAccessible(page);
    // The site under test runs no worker: run the export job (and the email) here.
    await new Worker({ db, queue: jobs, log: pino({ level: 'silent' }) }).drain();
    const mail = await db.selectFrom('mail_messages').select('text').where('to_address', '=', 'dora@example.test').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.match(mail.text, /\/privacy\/exports\/download\?token=/);
    await page.reload();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download ZIP' }).click()]);
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const users = JSON.parse(Buffer.from(zip['tables/users.json']!).toString('utf8'));
    assert.equal(users[0].name, 'Dora Datasubject');
    assert.equal(users[0].password_hash, undefined);
    assert.ok(zip['index.json'] && zip['README.txt']);

    await page.getByLabel('Your password').fill(password);
    await page.getByLabel('I understand that this cannot be undone.').check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(`${site.url}/privacy/center?deleted=1`);
    await page.getByText('Your account and your information have been deleted.').waitFor();
    await expectAccessible(page);
    assert.deepEqual((await page.context().cookies()).filter((c) => c.name === 'sutura_session'), []);

    await page.goto(`${site.url}/account/sign-in`);
    await page.getByLabel('Email address').fill('dora@example.test');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('#field-email-error').getByText('That email and password do not match an account.').waitFor();
    assert.equal(await db.selectFrom('users').select('id').where('email', '=', 'dora@example.test').executeTakeFirst(), undefined);
    assert.deepEqual(problems, []);
  });
});
