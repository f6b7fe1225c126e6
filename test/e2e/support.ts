import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { after, before } from 'node:test';
import { type Browser, type Page, chromium } from 'playwright-core';
import { buildApp, type AppServices } from '../../src/app.js';
import { createStaffInvite, type Role } from '../../src/core/auth/index.js';
import { loadTestConfig } from '../../src/core/config/index.js';
import { dropSchema } from '../../src/core/db/index.js';
import { guideService } from '../../src/features/procedures/index.js';
import { loadSampleGuides } from '../../src/features/procedures/seed.js';

export interface Site {
  readonly url: string;
  readonly services: AppServices;
  /** A one-time staff set-up link for a new editor. */
  inviteEditor(): Promise<string>;
  /** A one-time staff set-up link for a new account with these roles. */
  invite(roles: readonly Role[]): Promise<string>;
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
  await app.listen({ host: options.localhost ? 'localhost' : '127.0.0.1', port });
  return {
    url,
    services,
    async inviteEditor() {
      return `${url}/account/setup?token=${await createStaffInvite(services.db, ['editor'])}`;
    },
    async invite(roles) {
      return `${url}/account/setup?token=${await createStaffInvite(services.db, roles)}`;
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
