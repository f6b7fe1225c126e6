import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUser } from '../../src/core/auth/index.js';
import { expectAccessible, launchBrowser, openPage, startSite, useSiteAndBrowser, type Site } from './support.js';
import type { Browser } from 'playwright-core';

describe('an admin manages people and reads the audit log', () => {
  const env = useSiteAndBrowser();

  test('set up account -> grant a role -> audit log -> filter -> export', async () => {
    const site = env.site();
    await site.services.db.transaction().execute((trx) =>
      createUser(trx, { email: 'molly@example.test', name: 'Molly Moderator', password: 'correct horse battery staple', locale: 'en', roles: ['member'] }),
    );
    const { page, problems } = await openPage(env.browser(), site);

    await page.goto(await site.invite(['admin']));
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Email address').fill('ada@example.test');
    await page.getByLabel('Password', { exact: true }).fill('a long enough staff password');
    await page.getByLabel('Type the password again').fill('a long enough staff password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${site.url}/admin`);

    const nav = page.getByRole('navigation', { name: 'Back office' });
    await nav.getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People and roles' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Search by name or email').fill('molly');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Accounts found: 1').waitFor();
    await page.getByRole('link', { name: 'Molly Moderator' }).click();
    await page.getByRole('heading', { level: 1, name: 'Molly Moderator' }).waitFor();
    await expectAccessible(page);
    const roles = page.getByRole('group', { name: 'Roles of Molly Moderator' });
    await roles.getByLabel('Moderator').check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.getByText('Roles saved.').waitFor();
    await expectAccessible(page);
    assert.ok(await roles.getByLabel('Moderator').isChecked());

    // Her own page offers no role form.
    await nav.getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Ada Admin' }).click();
    await page.getByText('This is your own account.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save roles' }).count(), 0);

    await nav.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Action').selectOption('people.roles_changed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('Events found: 1').waitFor();
    assert.match((await page.locator('tbody').textContent()) ?? '', /"after":\["member","moderator"\]/);
    assert.match((await page.locator('tbody').textContent()) ?? '', /127\.0\.0\.0\/24/);
    await expectAccessible(page);
    const href = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
    assert.equal(href, '/admin/audit/export.csv?action=people.roles_changed');
    const csv = await page.request.get(`${site.url}${href}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
    assert.match((await csv.text()).split('\r\n')[0] ?? '', /^time,actor_id,actor_name,action/);

    await nav.getByRole('link', { name: 'Minors' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts of minors' }).waitFor();
    await expectAccessible(page);

    assert.deepEqual(problems, []);
  });
});

describe('a first visitor with the age gate on', () => {
  let site: Site;
  let browser: Browser;
  before(async () => {
    site = await startSite({ env: { AGE_GATE: 'true' } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await site.close();
  });

  test('sees the dialog with focus inside, answers, and reads a guide', async () => {
    const { page, problems } = await openPage(browser, site);
    await page.goto(`${site.url}/guides`);
    const dialog = page.getByRole('dialog', { name: 'Before you continue' });
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /for people aged 18 and older/);
    // Focus starts in the dialog, on the answer; the page behind is inert (a modal dialog).
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.textContent?.trim()'), 'I am 18 or older');
    assert.equal(await page.evaluate<boolean | undefined>("document.querySelector('dialog')?.matches(':modal')"), true);
    await expectAccessible(page);
    // Escape does not dismiss it.
    await page.keyboard.press('Escape');
    assert.ok(await dialog.isVisible());

    await dialog.getByRole('button', { name: 'I am 18 or older' }).click();
    await page.waitForURL(`${site.url}/guides`);
    assert.equal(await page.getByRole('dialog').count(), 0);
    await page.getByRole('link', { name: /Facelift/i }).first().click();
    await page.getByRole('heading', { level: 1, name: /Facelift/i }).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
    await expectAccessible(page);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'sutura_age');
    assert.ok(cookie && cookie.httpOnly && cookie.sameSite === 'Lax' && cookie.expires > Date.now() / 1000 + 300 * 86_400);

    // Another first visitor leaves instead, to a page of this site.
    const other = await openPage(browser, site);
    await other.page.goto(`${site.url}/`);
    await other.page.getByRole('dialog').getByRole('link', { name: 'Leave' }).click();
    await other.page.getByRole('heading', { level: 1, name: 'This site is not for you yet' }).waitFor();
    assert.equal(await other.page.getByRole('dialog').count(), 0);
    await expectAccessible(other.page);

    assert.deepEqual([...problems, ...other.problems], []);
  });

  test('without JavaScript the dialog still covers the page and works', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/guides`);
    const dialog = page.getByRole('dialog', { name: 'Before you continue' });
    assert.ok(await dialog.isVisible());
    const box = await page.locator('dialog').boundingBox();
    const viewport = page.viewportSize();
    assert.ok(box && viewport && box.width >= viewport.width - 1 && box.height >= viewport.height - 1, 'the dialog covers the viewport');
    await dialog.getByRole('button', { name: 'I am 18 or older' }).click();
    await page.waitForURL(`${site.url}/guides`);
    assert.equal(await page.locator('dialog').count(), 0);
    await context.close();
  });
});
