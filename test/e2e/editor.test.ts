import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

const brochure = readFileSync(new URL('../../src/features/procedures/sample/brochure-rhinoplasty.txt', import.meta.url), 'utf8');

describe('an editor imports, edits and publishes; the visitor sees it', () => {
  const env = useSiteAndBrowser();

  test('set up account -> import brochure -> edit a section -> publish -> visitor sees the change', async () => {
    const { page, problems } = await openPage(env.browser(), env.site());

    // A one-time link sets up the editor's account and signs them in.
    await page.goto(await env.site().inviteEditor());
    await expectAccessible(page);
    await page.getByLabel('Your name').fill('Erin Editor');
    await page.getByLabel('Email address').fill('erin@example.test');
    await page.getByLabel('Password', { exact: true }).fill('a long enough staff password');
    await page.getByLabel('Type the password again').fill('a long enough staff password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${env.site().url}/admin`);
    await expectAccessible(page);

    // Import the brochure as a draft.
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Import a brochure' }).click();
    await expectAccessible(page);
    await page.getByLabel('Brochure text').fill(brochure);
    await page.getByLabel('Body area').selectOption('face');
    await page.getByRole('button', { name: 'Import as draft' }).click();
    await page.getByRole('heading', { name: 'Brochure imported' }).waitFor();
    await expectAccessible(page);
    const report = await page.locator('.import-report').textContent();
    assert.match(report ?? '', /TERMS OF USE/);
    assert.match(report ?? '', /PRIVACY POLICY/);
    await page.getByRole('link', { name: 'Review and edit the draft' }).click();
    await page.getByRole('heading', { level: 1, name: /Rhinoplasty/i }).waitFor();
    await expectAccessible(page);

    // Edit the first section; the live preview follows the typing.
    const firstSection = page.locator('.section-editor').first();
    const body = firstSection.getByLabel('Text (Markdown)');
    await body.fill('Rhinoplasty reshapes the nose. **Edited in the browser test.**');
    await firstSection.locator('.preview strong', { hasText: 'Edited in the browser test.' }).waitFor();
    await firstSection.getByRole('button', { name: 'Save section' }).click();
    await page.getByText('Changes saved.').waitFor();

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Guide published. Readers see it now.').waitFor();
    await expectAccessible(page);

    // A visitor (no session) sees the published change.
    const visitor = await openPage(env.browser(), env.site());
    await visitor.page.goto(`${env.site().url}/guides`);
    await visitor.page.getByRole('link', { name: /Rhinoplasty/i }).first().click();
    await visitor.page.getByText('Edited in the browser test.').waitFor();
    await expectAccessible(visitor.page);

    // Editing a published guide reaches visitors too (the page cache is invalidated).
    await body.fill('Rhinoplasty reshapes the nose. **Second edit.**');
    await page.locator('.section-editor').first().getByRole('button', { name: 'Save section' }).click();
    await page.getByText('Changes saved.').waitFor();
    await visitor.page.reload();
    await visitor.page.getByText('Second edit.').waitFor();

    // History shows the revisions and a word-level diff.
    await page.getByRole('link', { name: 'History' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Show changes' }).first().click();
    assert.match((await page.locator('.diff ins').allTextContents()).join(' '), /Second/);
    await expectAccessible(page);

    assert.deepEqual([...problems, ...visitor.problems], []);
  });
});
