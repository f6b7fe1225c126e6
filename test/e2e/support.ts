import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { after, before } from 'node:test';
import { type Browser, type Page, chromium } from 'playwright-core';
import { buildApp, type AppServices } from '../../src/app.js';
import { createStaffInvite, findUserById, SESSION_COOKIE, type Role } from '../../src/core/auth/index.js';
import { totpCode, totpStep } from '../../src/core/auth/totp.js';
import { loadTestConfig } from '../../src/core/config/index.js';
import { dropSchema } from '../../src/core/db/index.js';
import { guideService } from '../../src/features/procedures/index.js';
import { loadSampleGuides } from '../../src/features/procedures/seed.js';
import { TwoFactorService } from '../../src/features/two-factor/service.js';

export interface Site {
  readonly url: string;
  readonly services: AppServices;
  /**
   * A one-time staff set-up link for a new editor. Staff must use a second factor: when the
   * link's form is sent, the helper sets up an authenticator app for the new account (codes
   * from core/auth/totp.ts) before the answer reaches the browser, so the page lands in the back
   * office with a session that has passed the second factor. Codes for later sign-ins: `totpCode`.
   */
  inviteEditor(): Promise<string>;
  /** A one-time staff set-up link for a new account with these roles (enrolled like `inviteEditor`). */
  invite(roles: readonly Role[]): Promise<string>;
  /** A code from the authenticator app of an account made through `invite`/`inviteEditor`, not used yet. */
  totpCode(email: string): Promise<string>;
  close(): Promise<void>;
}

/** A free local port, found by letting the system choose one. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface SiteOptions {
  /**
   * Serve as http://localhost:PORT with PUBLIC_URL to match: WebAuthn needs a host name (not an
   * IP address) that is the configured site's own.
   */
  readonly localhost?: boolean;
  /** Settings to override, e.g. AGE_GATE. */
  readonly env?: Record<string, string>;
}

/** The real server on a free local port, with the sample content loaded. */
export async function startSite(options: SiteOptions = {}): Promise<Site> {
  const port = await freePort();
  const url = `http://${options.localhost ? 'localhost' : '127.0.0.1'}:${port}`;
  const config = loadTestConfig({ HOST: '127.0.0.1', ...(options.localhost ? { PUBLIC_URL: url } : {}), ...options.env });
  const { app, services } = await buildApp(config);
  await loadSampleGuides(services.db, services.storage, guideService(services));
  // Set-up links made by the helpers below: their new accounts get an authenticator app at once.
  const helperInvites = new Set<string>();
  const secrets = new Map<string, string>();
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/account/setup' || reply.statusCode !== 303) return payload;
    const token = (request.body as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || !helperInvites.delete(token)) return payload;
    const cookie = [reply.getHeader('set-cookie') ?? []].flat().map(String).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    const sessionId = cookie?.slice(SESSION_COOKIE.length + 1).split(';')[0]?.split('.')[0];
    const session = sessionId ? await services.db.selectFrom('sessions').select('user_id').where('id', '=', sessionId).executeTakeFirst() : undefined;
    const user = session ? await findUserById(services.db, session.user_id) : null;
    assert.ok(sessionId && user, 'the set-up link signed the new person in');
    const actor = { id: user.id, name: user.name, email: user.email, roles: user.roles, sessionId, revealSensitiveMedia: false };
    const twoFactor = new TwoFactorService(services);
    const secret = (await twoFactor.beginSetup(actor)).secret.replace(/ /g, '');
    assert.ok(await twoFactor.confirmSetup(actor, totpCode(secret, totpStep())), 'the helper enrols the authenticator app');
    secrets.set(user.email, secret);
    return payload;
  });
  const invite = async (roles: readonly Role[]): Promise<string> => {
    const token = await createStaffInvite(services.db, roles);
    helperInvites.add(token);
    return `${url}/account/setup?token=${token}`;
  };
  await app.listen({ host: options.localhost ? 'localhost' : '127.0.0.1', port });
  return {
    url,
    services,
    inviteEditor: () => invite(['editor']),
    invite,
    async totpCode(email) {
      const secret = secrets.get(email.trim().toLowerCase());
      assert.ok(secret, `no authenticator app set up by the helpers for ${email}`);
      const user = await services.db.selectFrom('users').innerJoin('user_totp', 'user_totp.user_id', 'users.id').select('user_totp.last_step').where('users.email', '=', email.trim().toLowerCase()).executeTakeFirst();
      // Each code works once: the next step after the last one used (the app shows it within 30 s).
      return totpCode(secret, Math.max(totpStep(), Number(user?.last_step ?? 0) + 1));
    },
    async close() {
      const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
      if (schema) await dropSchema(services.db, schema);
      await app.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens a page that records CSP violations and failed requests, so every journey also proves
 * the strict CSP holds and nothing on our pages reaches outside the site.
 */
export async function openPage(browser: Browser, site: Site): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    // A form sent back with errors (422) is expected; the browser logs it like any 4xx.
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(site.url) && !request.url().startsWith('data:')) problems.push(`outbound request: ${request.url()}`);
  });
  return { page, problems };
}

/** axe-core finds no violations on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(summary, [], `axe violations on ${page.url()}`);
}

/**
 * Starts the site and a browser before the suite's tests and stops both after them. Returns
 * accessors, since both exist only once the suite has started.
 */
export function useSiteAndBrowser(options: SiteOptions = {}): { site: () => Site; browser: () => Browser } {
  let site: Site | undefined;
  let browser: Browser | undefined;
  before(async () => {
    site = await startSite(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    site: () => site ?? assert.fail('site not started'),
    browser: () => browser ?? assert.fail('browser not started'),
  };
}
