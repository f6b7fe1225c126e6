import { z } from 'zod';

/** Turns "", "0", "false", "off", "no" into false and "1", "true", "on", "yes" into true. */
const flag = z
  .enum(['', '0', '1', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

/**
 * Every setting Sutura reads, as environment variables. Defaults make `npm start` work on a
 * laptop with nothing configured; the README's configuration table mirrors this schema.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address people use to reach the site; used for canonical URLs, sitemaps and emails. */
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection string; when empty, SQLite in DATA_DIR/sutura.db. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  /** Postgres schema to use (tests give each run its own). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the sample practice's content into an empty database. */
  SAMPLE_CONTENT: flag.default(true),
  PAGE_CACHE: flag.default(true),
  PAGE_CACHE_ENTRIES: z.coerce.number().int().min(0).default(500),
  /** Trust X-Forwarded-* from a reverse proxy. */
  TRUST_PROXY: flag.default(false),
  /** Cookies get the Secure flag; on by default when PUBLIC_URL is https. */
  SECURE_COOKIES: flag.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  SESSION_REMEMBER_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  SESSION_REMEMBER_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Largest accepted upload (figures), in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().min(1).max(200).default(15),
  /** Library uploads: a study's or white paper's PDF, and a video (streamed to disk, never held in memory). */
  LIBRARY_PDF_MAX_MB: z.coerce.number().min(1).max(500).default(50),
  LIBRARY_VIDEO_MAX_MB: z.coerce.number().min(1).max(5000).default(500),
  /**
   * Keys that encrypt medical information: `id:base64key[,id:base64key]`, the first one
   * encrypts. Unset: a key file is created in DATA_DIR (fine on a laptop, not in production).
   */
  DATA_KEYS: z.string().optional(),
  /** SMTP server for outgoing mail (smtp://user:pass@host:587); unset: mail stays in the outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  /** The sender of every email. */
  MAIL_FROM: z.string().min(3).default('Harbor Plastic Surgery <no-reply@harbor-plastic-surgery.example>'),
  /** Newsletter sending speed, in messages per minute (stay under your mail provider's limits). */
  NEWSLETTER_RATE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Messages per newsletter batch job; each batch is one job that a worker sends in one go. */
  NEWSLETTER_BATCH: z.coerce.number().int().min(1).max(1000).default(50),
  /** Days to answer a privacy request under the GDPR (EU, UK and everyone not in California). */
  PRIVACY_DAYS_GDPR: z.coerce.number().int().min(1).max(90).default(30),
  /** Days to answer a privacy request from California (CCPA). */
  PRIVACY_DAYS_CCPA: z.coerce.number().int().min(1).max(90).default(45),
  /**
   * S3-compatible object storage for media (AWS S3, MinIO, Ceph, R2 ...); unset: DATA_DIR/media
   * on local disk. The bucket stays private: Sutura serves every object itself.
   */
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name').optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** The store's address when it is not AWS (http(s)://host:port). */
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style addressing (`endpoint/bucket/key`), which MinIO and most self-hosted stores need. */
  S3_FORCE_PATH_STYLE: flag.default(false),
  /** The web process also runs background jobs (turn off when `sutura worker` runs them). */
  JOBS_IN_WEB: flag.default(true),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Enables the benchmark-only routes in bench/; never set in production. */
  BENCH_ROUTES: flag.default(false),

  // The practice's identity: what the site says about who runs it.
  PRACTICE_NAME: z.string().min(1).default('Harbor Plastic Surgery'),
  PRACTICE_LEGAL_ENTITY: z.string().min(1).default('Harbor Plastic Surgery, P.A.'),
  PRACTICE_ADDRESS: z.string().min(1).default('1200 Bayview Drive, Suite 400, Miami, FL 33131, USA'),
  PRACTICE_PHONE: z.string().min(1).default('+1 305 555 0142'),
  PRACTICE_EMAIL: z.email().default('hello@harbor-plastic-surgery.example'),
  PRACTICE_JURISDICTION: z.string().min(1).default('Miami-Dade County, Florida'),
  /** Minimum age to use the site; the stricter of the practice's (18) and portal's (16) terms. */
  MIN_AGE: z.coerce.number().int().min(13).max(21).default(18),
  /** Ask first-time visitors of public pages to confirm they are MIN_AGE or older. */
  AGE_GATE: flag.default(false),
});

export type Env = z.input<typeof envSchema>;
export type ParsedEnv = z.output<typeof envSchema>;
