import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

describe('a visitor searches the site', () => {
  const env = useSiteAndBrowser();

  test('header link -> search as you type -> a result -> Spanish search without JavaScript', async () => {
    const { page, problems } = await openPage(env.browser(), env.site());
    await page.goto(env.site().url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await page.waitForURL(`${env.site().url}/search`);
    await expectAccessible(page);

    // Typing (no submit): htmx asks for the results region, the last word as a prefix.
    await page.getByLabel('Search for').pressSequentially('neckli', { delay: 40 });
    const results = page.locator('#search-results');
    await results.getByRole('link', { name: 'Necklift' }).first().waitFor({ timeout: 5000 });
    assert.equal(await results.getAttribute('aria-live'), 'polite');
    assert.ok((await results.locator('mark').count()) >= 1);
    await page.waitForURL(/\/search\?q=neckli/);
    await expectAccessible(page);

    await page.getByLabel('Search for').fill('zzqqxx');
    await results.getByText('No results for “zzqqxx”').waitFor({ timeout: 5000 });

    await results.page().goto(`${env.site().url}/es/search?q=cicatrices&type=guide`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await page.locator('#search-results a[href="/es/guides/scar-revision"]').first().waitFor();
    await expectAccessible(page);
    await page.locator('#search-results a[href="/es/guides/scar-revision"]').first().click();
    await page.waitForURL(`${env.site().url}/es/guides/scar-revision`);
    assert.deepEqual(problems, []);
  });
});
