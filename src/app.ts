import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './core/config/index.js';
import { type Db, migrate, openDatabase } from './core/db/index.js';
import { PageCache } from './core/http/page-cache.js';
import type { SiteNoticeSource } from './core/http/notices.js';
import httpCore from './core/http/index.js';
import { splitLocale } from './core/i18n/index.js';
import { FieldCipher, keysFromFile } from './core/crypto/index.js';
import { JobQueue } from './core/jobs/index.js';
import { Mailer } from './core/mail/index.js';
import { S3Storage } from './core/media/s3.js';
import { DiskStorage, type MediaStorage } from './core/media/storage.js';
import { loadAssets } from './core/views/assets.js';
import accounts from './features/accounts/index.js';
import breaches from './features/breaches/index.js';
import admin from './features/admin/index.js';
import consultations from './features/consultations/index.js';
import contact from './features/contact/index.js';
import library from './features/library/index.js';
import newsletters from './features/newsletters/index.js';
import passkeys from './features/passkeys/index.js';
import policies from './features/policies/index.js';
import privacy from './features/privacy/index.js';
import procedures from './features/procedures/index.js';
import shineTheLight from './features/shine-the-light/index.js';
import search from './features/search/index.js';
import site from './features/site/index.js';
import twoFactor from './features/two-factor/index.js';
import type { DashboardSource } from './features/admin/dashboard.js';
import staff from './features/staff/index.js';
import { PolicyVersions } from './features/site/legal.js';
import type { SitemapEntry } from './features/site/sitemap.js';

/** What every feature plugin receives: the shared services, never a request. */
export interface AppServices {
  readonly config: Config;
  readonly db: Db;
  readonly pageCache: PageCache;
  readonly storage: MediaStorage;
  /** Background jobs: features define theirs at boot and enqueue in their transactions. */
  readonly jobs: JobQueue;
  /** Encrypts medical information before it reaches a store (AES-256-GCM). */
  readonly cipher: FieldCipher;
  /** Email: rendered and queued in the caller's transaction, delivered by a job. */
  readonly mail: Mailer;
  /** Features add functions that list their public URLs for /sitemap.xml. */
  readonly sitemap: (() => Promise<SitemapEntry[]>)[];
  /** Features add the cards of the back-office dashboard. */
  readonly dashboard: DashboardSource[];
  /** Features add the notices of public pages (core/http/notices.ts). */
  readonly notices: SiteNoticeSource[];
  /** The legal texts' versions in force, which records of collected data keep (fed by the policies feature). */
  readonly policyVersions: PolicyVersions;
}

/** Media storage: S3-compatible object storage when S3_BUCKET is set, otherwise DATA_DIR/media on disk. */
export function mediaStorage(config: Config): MediaStorage {
  return config.s3 ? new S3Storage(config.s3) : new DiskStorage(`${config.dataDir}/media`);
}

export interface BuiltApp {
  readonly app: FastifyInstance;
  readonly services: AppServices;
}

/**
 * Builds the application in the fixed order of DESIGN.md: ecosystem plugins, core, features.
 * Migrations run before the server accepts requests.
 */
export async function buildApp(config: Config, options: { db?: Db } = {}): Promise<BuiltApp> {
  const db = options.db ?? (await openDatabase(config));
  await migrate(db, config);
  loadAssets();

  const jobs = new JobQueue(db);
  const services: AppServices = {
    config,
    db,
    pageCache: new PageCache(config.pageCache.enabled ? config.pageCache.entries : 0),
    storage: mediaStorage(config),
    jobs,
    mail: new Mailer(db, jobs, config),
    cipher: new FieldCipher(config.dataKeys ?? keysFromFile(config.dataDir)),
    sitemap: [],
    dashboard: [],
    notices: [],
    policyVersions: new PolicyVersions(),
  };

  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    // Spanish pages live under /es/: strip the prefix once, so every route is declared once.
    rewriteUrl(req) {
      const { locale, url } = splitLocale(req.url ?? '/');
      (req as { suturaLocale?: string }).suturaLocale = locale;
      return url;
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  // Per-route limits (forms anyone can post); in process for now, shared (Redis) at scale later.
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 20, parts: 25 } });
  await app.register(httpCore, { config, db, pageCache: services.pageCache, notices: services.notices });

  await app.register(site, services);
  await app.register(policies, services);
  await app.register(accounts, services);
  await app.register(procedures, services);
  await app.register(library, services);
  await app.register(search, services);
  await app.register(contact, services);
  await app.register(newsletters, services);
  await app.register(twoFactor, services);
  await app.register(passkeys, services);
  await app.register(privacy, services);
  await app.register(shineTheLight, services);
  await app.register(breaches, services);
  await app.register(consultations, services);
  await app.register(staff, services);
  await app.register(admin, services);

  app.addHook('onClose', async () => {
    services.mail.close();
    if (!options.db) await db.destroy();
  });
  return { app, services };
}
