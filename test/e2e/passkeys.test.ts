import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectAccessible, openPage, useSiteAndBrowser } from './support.js';

describe('a staff member adds a passkey and signs in with it', () => {
  const env = useSiteAndBrowser({ localhost: true });

  test('set up account -> add a passkey -> sign out -> sign in with the passkey', async () => {
    const { page, problems } = await openPage(env.browser(), env.site());
    // A virtual authenticator in Chromium stands in for the phone or security key.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await page.goto(await env.site().inviteEditor());
    await page.getByLabel('Your name').fill('Pat Passkey');
    await page.getByLabel('Email address').fill('pat@example.test');
    await page.getByLabel('Password', { exact: true }).fill('a long enough staff password');
    await page.getByLabel('Type the password again').fill('a long enough staff password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${env.site().url}/admin`);

    await page.goto(`${env.site().url}/account/passkeys`);
    await expectAccessible(page);
    await page.getByLabel('Name for the new passkey').fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey added').waitFor();
    assert.ok(await page.getByText('Test laptop', { exact: true }).isVisible());
    await expectAccessible(page);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0]?.isResidentCredential, true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${env.site().url}/account/sign-in`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${env.site().url}/admin`);
    const row = await env.site().services.db.selectFrom('webauthn_credentials').select(['name', 'last_used_at']).executeTakeFirstOrThrow();
    assert.equal(row.name, 'Test laptop');
    assert.ok(row.last_used_at, 'the sign-in is recorded on the passkey');
    assert.deepEqual(problems, []);
  });
});
