import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
