import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

describe('a visitor reads a guide', () => {
  const env = useSiteAndBrowser();

  test('home -> guide index -> a guide -> table of contents -> Spanish', async () => {
    const { page, problems } = await openPage(env.browser(), env.site());
    await page.goto(env.site().url);
    assert.match(await page.title(), /Harbor Plastic Surgery/);
    await expectAccessible(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Procedure guides' }).click();
    await page.waitForURL(`${env.site().url}/guides`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Procedure guides');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Necklift', exact: true }).first().click();
    await page.waitForURL(`${env.site().url}/guides/necklift`);
    await expectAccessible(page);
    assert.ok(await page.getByText('not medical advice').first().isVisible());

    const toc = page.getByRole('navigation', { name: 'On this page' });
    await toc.getByRole('link', { name: 'Recovery' }).click();
    await page.waitForURL(/#recovery$/);
    assert.ok(await page.locator('#recovery').isVisible());

    const cta = page.getByRole('link', { name: 'Request a consultation' }).last();
    assert.equal(await cta.getAttribute('href'), '/consultation?procedure=necklift');

    // Every figure on the page loaded (WebP or JPEG from our own origin).
    const images = page.locator('figure img');
    const count = await images.count();
    assert.ok(count >= 1);
    for (let i = 0; i < count; i++) {
      const image = images.nth(i);
      await image.scrollIntoViewIfNeeded();
      assert.ok(((await image.getAttribute('alt')) ?? '').length > 0);
    }
    // Lazy images load once scrolled to; a string expression because this file is
    // type-checked without the DOM library.
    await page.waitForFunction("[...document.querySelectorAll('figure img')].every((i) => i.complete && i.naturalWidth > 0)", undefined, { timeout: 5000 });

    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`${env.site().url}/es/guides/necklift`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    assert.ok(await page.getByRole('navigation', { name: 'Idioma' }).isVisible());
    await expectAccessible(page);

    assert.deepEqual(problems, []);
  });

  test('a visitor writes to the practice through Contact Us', async () => {
    const { page, problems } = await openPage(env.browser(), env.site());
    await page.goto(env.site().url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contact us' }).click();
    await page.waitForURL(`${env.site().url}/contact`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Your name').fill('Rosa Díaz');
    await page.getByLabel('Your email address').fill('rosa@example.test');
    await page.getByLabel('Topic').selectOption('appointments');
    await page.getByLabel('Your message').fill('Can I book a consultation for next month?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Your message has reached us').waitFor();
    await expectAccessible(page);
    assert.deepEqual(problems, []);
  });

  test('keyboard users can skip to the content', async () => {
    const { page } = await openPage(env.browser(), env.site());
    await page.goto(`${env.site().url}/guides`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<string | undefined>('document.activeElement?.textContent?.trim()');
    assert.equal(focused, 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'main');
  });
});
