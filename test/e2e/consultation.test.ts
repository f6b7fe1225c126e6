import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

describe('a visitor asks for a consultation; staff read it', () => {
  const env = useSiteAndBrowser();

  test('guide -> call to action (procedure ticked) -> request with a photo -> thanks -> moderator opens it', async () => {
    const site = env.site();
    const { page, problems } = await openPage(env.browser(), site);

    // From a guide's call to action, the procedure comes ticked.
    await page.goto(`${site.url}/guides/necklift`);
    await page.getByRole('link', { name: 'Request a consultation' }).last().click();
    await page.waitForURL(`${site.url}/consultation?procedure=necklift`);
    await expectAccessible(page);
    const procedures = page.getByRole('group', { name: 'Procedures you are interested in' });
    assert.ok(await procedures.getByLabel('Necklift').isChecked());

    // Sent empty: the form comes back with its error summary, and stays accessible.
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page);
    assert.ok(await page.getByRole('group', { name: 'Procedures you are interested in' }).getByLabel('Necklift').isChecked(), 'the tick survives the error');

    await page.getByLabel('Your name').fill('Inés Navarro');
    await page.getByLabel('Your email address').fill('ines@example.test');
    await page.getByRole('group', { name: 'How should we contact you?' }).getByLabel('By email').check();
    await page.getByLabel('Mornings').check();
    await page.getByLabel('Your message').fill('The skin under my chin has loosened since I lost weight.');
    const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#b07a66' } }).jpeg().toBuffer();
    await page.getByLabel('A photo (optional)').setInputFiles({ name: 'chin.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByLabel(/I have read the privacy policy/).check();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Your request has reached us').waitFor();
    assert.equal(page.url(), `${site.url}/consultation?sent=1`);
    await expectAccessible(page);
    assert.deepEqual(problems, []);

    // A moderator sets up their account and finds the request in the inbox.
    const staff = await openPage(env.browser(), site);
    await staff.page.goto(await site.invite(['moderator']));
    await staff.page.getByLabel('Your name').fill('Mo Derator');
    await staff.page.getByLabel('Email address').fill('mo@example.test');
    await staff.page.getByLabel('Password', { exact: true }).fill('a long enough staff password');
    await staff.page.getByLabel('Type the password again').fill('a long enough staff password');
    await staff.page.getByRole('button', { name: 'Create account' }).click();
    await staff.page.waitForURL(`${site.url}/admin`);

    await staff.page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Consultations' }).click();
    await staff.page.waitForURL(`${site.url}/admin/consultations`);
    await expectAccessible(staff.page);
    const row = staff.page.getByRole('row', { name: /Inés Navarro/ });
    assert.match((await row.textContent()) ?? '', /Necklift/);
    assert.doesNotMatch(await staff.page.content(), /skin under my chin/, 'the list never shows the message');

    await row.getByRole('link', { name: 'Inés Navarro' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Consultation request from Inés Navarro' }).waitFor();
    assert.ok(await staff.page.getByText('The skin under my chin has loosened since I lost weight.').isVisible());
    // The photo comes decrypted through the authorised route.
    await staff.page.waitForFunction("[...document.querySelectorAll('main img')].every((i) => i.complete && i.naturalWidth > 0)", undefined, { timeout: 5000 });
    await expectAccessible(staff.page);
    assert.deepEqual(staff.problems, []);
  });
});
