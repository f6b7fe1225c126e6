import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DataKey, parseDataKeys } from '../crypto/index.js';
import { envSchema } from './schema.js';

export interface PracticeIdentity {
  readonly name: string;
  readonly legalEntity: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
  readonly jurisdiction: string;
}

/** The application's configuration: parsed once, typed, frozen. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly database:
    | { readonly kind: 'sqlite'; readonly file: string }
    | { readonly kind: 'postgres'; readonly url: string; readonly schema: string | undefined };
  readonly logLevel: string;
  readonly sampleContent: boolean;
  readonly pageCache: { readonly enabled: boolean; readonly entries: number };
  readonly trustProxy: boolean;
  readonly secureCookies: boolean;
  readonly session: { readonly idleMinutes: number; readonly absoluteHours: number; readonly rememberDays: number; readonly rememberAbsoluteDays: number };
  readonly uploadMaxBytes: number;
  /** Largest library PDF and video (LIBRARY_PDF_MAX_MB, LIBRARY_VIDEO_MAX_MB). */
  readonly libraryMaxBytes: { readonly pdf: number; readonly video: number };
  readonly benchRoutes: boolean;
  /** Medical-information keys from DATA_KEYS; null means the key file in dataDir. */
  readonly dataKeys: readonly DataKey[] | null;
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly newsletter: { readonly ratePerMinute: number; readonly batchSize: number };
  readonly privacyDueDays: { readonly gdpr: number; readonly ccpa: number };
  readonly jobs: { readonly inWeb: boolean; readonly concurrency: number; readonly pollMs: number };
  readonly practice: PracticeIdentity;
  readonly minAge: number;
  /** Public pages ask a first-time visitor to confirm their age (a neutral, cookie-backed gate). */
  readonly ageGate: boolean;
  /** Media in S3-compatible object storage; null: on disk in dataDir/media. */
  readonly s3: {
    readonly bucket: string;
    readonly region: string;
    readonly endpoint: string | undefined;
    readonly accessKeyId: string | undefined;
    readonly secretAccessKey: string | undefined;
    readonly forcePathStyle: boolean;
  } | null;
}

/** Raised when the environment is invalid; lists every problem on its own line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function deepFreeze<T>(value: T): T {
  // Buffers (key material) cannot be frozen; they are not reachable for writing anyway.
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Reads `NAME_FILE` (a secret mounted as a file) where `NAME` itself is not set. */
function withFileSecrets(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...source };
  for (const [key, value] of Object.entries(source)) {
    if (!key.endsWith('_FILE') || !value) continue;
    const name = key.slice(0, -'_FILE'.length);
    // Only our own settings: other programs' *_FILE variables are none of our business.
    if (Object.hasOwn(envSchema.shape, name) && out[name] === undefined) {
      out[name] = readFileSync(value, 'utf8').trim();
    }
  }
  return out;
}

/** Parses configuration from an environment (default: process.env). Throws ConfigError. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw = withFileSecrets(source);
  // Empty strings mean "not set" so that `FOO= npm start` falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  let dataKeys: DataKey[] | null = null;
  if (e.DATA_KEYS) {
    try {
      dataKeys = parseDataKeys(e.DATA_KEYS);
    } catch (error) {
      throw new ConfigError([`DATA_KEYS: ${(error as Error).message}`]);
    }
  }
  if (!e.S3_BUCKET && (e.S3_ENDPOINT || e.S3_ACCESS_KEY_ID || e.S3_SECRET_ACCESS_KEY)) throw new ConfigError(['S3_BUCKET: required when other S3_* settings are given']);
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) throw new ConfigError(['S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: give both or neither']);
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return deepFreeze<Config>({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA }
      : { kind: 'sqlite', file: join(dataDir, 'sutura.db') },
    logLevel: e.LOG_LEVEL,
    sampleContent: e.SAMPLE_CONTENT,
    pageCache: { enabled: e.PAGE_CACHE, entries: e.PAGE_CACHE_ENTRIES },
    trustProxy: e.TRUST_PROXY,
    secureCookies: e.SECURE_COOKIES ?? publicUrl.startsWith('https://'),
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS, rememberDays: e.SESSION_REMEMBER_DAYS, rememberAbsoluteDays: e.SESSION_REMEMBER_ABSOLUTE_DAYS },
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    libraryMaxBytes: { pdf: Math.round(e.LIBRARY_PDF_MAX_MB * 1024 * 1024), video: Math.round(e.LIBRARY_VIDEO_MAX_MB * 1024 * 1024) },
    benchRoutes: e.BENCH_ROUTES,
    dataKeys,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    newsletter: { ratePerMinute: e.NEWSLETTER_RATE, batchSize: e.NEWSLETTER_BATCH },
    privacyDueDays: { gdpr: e.PRIVACY_DAYS_GDPR, ccpa: e.PRIVACY_DAYS_CCPA },
    jobs: { inWeb: e.JOBS_IN_WEB, concurrency: e.JOB_CONCURRENCY, pollMs: e.JOB_POLL_MS },
    practice: {
      name: e.PRACTICE_NAME,
      legalEntity: e.PRACTICE_LEGAL_ENTITY,
      address: e.PRACTICE_ADDRESS,
      phone: e.PRACTICE_PHONE,
      email: e.PRACTICE_EMAIL,
      jurisdiction: e.PRACTICE_JURISDICTION,
    },
    minAge: e.MIN_AGE,
    ageGate: e.AGE_GATE,
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : null,
  });
}

/**
 * Configuration for tests: a fresh temporary data directory, no sample content, quiet logs.
 * TEST_DATABASE_URL switches the run to PostgreSQL, with a schema per call.
 */
export function loadTestConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'sutura-test-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SAMPLE_CONTENT: 'false',
    PUBLIC_URL: 'http://localhost:3000',
  };
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    env.DATABASE_URL = pgUrl;
    env.DATABASE_SCHEMA = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  }
  return loadConfig({ ...env, ...overrides });
}
