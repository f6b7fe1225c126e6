import { readFileSync } from 'node:fs';
import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import type { Actor } from '../../core/auth/index.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n/index.js';
import { renderMarkdown } from '../../core/markdown/index.js';
import { projectPath } from '../../core/paths.js';
import { POLICY_DOCUMENTS, type PolicyDocument, type PolicyVersion, parseEffective, versionLabel, versionNumberOf } from './model.js';
import * as store from './store.js';

/** How long this process trusts its copy of the published versions (others may publish). */
const CACHE_MS = 30_000;
/** How long a visitor is told about a new version. */
export const NOTICE_DAYS = 30;
/** How long this process trusts what it read about one person's acceptances. */
const ACCEPTED_CACHE_MS = 60_000;

export interface RenderedPolicy {
  readonly version: PolicyVersion;
  readonly title: string;
  readonly label: string;
  readonly html: string;
}

/**
 * Versions of the Terms of Use and the Privacy Policy. The static texts of the first release
 * become version 1 at the first start. Published versions are held in memory (a handful of rows)
 * so that every consent, registration and page can ask "which version is in force" for free;
 * a publication here refreshes at once, other processes within 30 seconds.
 */
export class PolicyService {
  #published: PolicyVersion[] = [];
  #loadedAt = 0;
  #loading: Promise<void> | null = null;
  #inForceKey: string | null = null;
  readonly #accepted = new Map<string, { at: number; versions: Record<PolicyDocument, number> }>();
  readonly #rendered = new Map<string, Promise<{ title: string; html: string }>>();

  constructor(private readonly services: Pick<AppServices, 'db' | 'config' | 'pageCache' | 'policyVersions'>) {}

  /** Version 1 of each document from the static texts, once, and the in-memory copy. */
  async boot(): Promise<void> {
    for (const document of POLICY_DOCUMENTS) {
      if ((await store.maxVersion(this.services.db, document)) > 0) continue;
      const [en, es] = (['en', 'es'] as const).map((locale) => readFileSync(projectPath('src', 'features', 'site', 'content', locale, `${document}.md`), 'utf8'));
      const versionLine = en!.split('\n').find((l) => l.startsWith('Version ')) ?? '';
      try {
        await store.insertVersion(this.services.db, {
          document,
          version: 1,
          status: 'published',
          effectiveAt: parseEffective(versionLine) ?? new Date(),
          body: { en: stripHeader(en!), es: stripHeader(es!) },
          summary: { en: 'First published version.', es: 'Primera versión publicada.' },
          material: false,
          createdBy: null,
        });
      } catch {
        // Another process seeded it at the same moment (unique document + version).
      }
    }
    await this.reload();
    this.services.policyVersions.use((page) => (page === 'terms' || page === 'privacy' ? this.label(page) : null));
  }

  async reload(): Promise<void> {
    this.#published = (await store.listVersions(this.services.db)).filter((v) => v.status === 'published');
    this.#loadedAt = Date.now();
  }

  /** Refreshes the in-memory copy when it is older than 30 seconds (one query, shared by concurrent callers). */
  async refresh(): Promise<void> {
    if (Date.now() - this.#loadedAt >= CACHE_MS) {
      this.#loading ??= this.reload().finally(() => {
        this.#loading = null;
      });
      await this.#loading;
    }
    // A version published for a later day takes effect here: cached pages show the old one.
    const inForce = POLICY_DOCUMENTS.map((d) => this.inForce(d)?.id ?? '').join(',');
    if (inForce !== this.#inForceKey) {
      if (this.#inForceKey !== null) this.services.pageCache.clear();
      this.#inForceKey = inForce;
    }
  }

  /** The published versions of a document, oldest first (future ones included). */
  published(document: PolicyDocument): PolicyVersion[] {
    return this.#published.filter((v) => v.document === document).sort((a, b) => a.version - b.version);
  }

  /** The version in force: the latest published one whose effective time has come. */
  inForce(document: PolicyDocument, now: Date = new Date()): PolicyVersion | null {
    return this.published(document).filter((v) => v.effectiveAt && v.effectiveAt <= now).at(-1) ?? null;
  }

  /** A published version that takes effect later, if any. */
  upcoming(document: PolicyDocument, now: Date = new Date()): PolicyVersion | null {
    return this.published(document).find((v) => v.effectiveAt && v.effectiveAt > now) ?? null;
  }

  /** The label consent records keep for the version in force. */
  label(document: PolicyDocument): string {
    const v = this.inForce(document);
    return v ? versionLabel(v) : 'unversioned';
  }

  /** The latest material version in force (0 when none after the first). */
  materialInForce(document: PolicyDocument, now: Date = new Date()): PolicyVersion | null {
    return this.published(document).filter((v) => v.material && v.effectiveAt && v.effectiveAt <= now).at(-1) ?? null;
  }

  /** Versions in force that took effect in the last NOTICE_DAYS days (after the first): visitors hear of them. */
  recentChanges(now: Date = new Date()): PolicyVersion[] {
    const since = now.getTime() - NOTICE_DAYS * 86_400_000;
    return POLICY_DOCUMENTS.flatMap((d) => {
      const v = this.inForce(d, now);
      return v && v.version > 1 && v.effectiveAt!.getTime() >= since ? [v] : [];
    });
  }

  async render(v: PolicyVersion, locale: Locale): Promise<RenderedPolicy> {
    const key = `${v.id}:${locale}:${v.status}`;
    let rendering = this.#rendered.get(key);
    if (!rendering || v.status === 'draft') {
      rendering = renderPolicyMarkdown(v.body[locale] || v.body.en, this.services.config);
      if (v.status === 'published') this.#rendered.set(key, rendering);
    }
    const { title, html } = await rendering;
    return { version: v, title, label: versionLabel(v), html };
  }

  /**
   * The documents whose material version in force is newer than what this person accepted
   * (at registration or since). Nothing to ask, and no query, while no material change exists.
   */
  async outstanding(userId: string, now: Date = new Date()): Promise<PolicyVersion[]> {
    const material = POLICY_DOCUMENTS.map((d) => this.materialInForce(d, now)).filter((v): v is PolicyVersion => v !== null);
    if (!material.length) return [];
    let cached = this.#accepted.get(userId);
    if (!cached || Date.now() - cached.at > ACCEPTED_CACHE_MS) {
      const [accepted, user] = await Promise.all([store.acceptedVersions(this.services.db, userId), store.registrationVersions(this.services.db, userId)]);
      cached = {
        at: Date.now(),
        versions: {
          terms: Math.max(accepted.terms ?? 0, versionNumberOf(user.terms)),
          privacy: Math.max(accepted.privacy ?? 0, versionNumberOf(user.privacy)),
        },
      };
      if (this.#accepted.size > 10_000) this.#accepted.clear();
      this.#accepted.set(userId, cached);
    }
    const versions = cached.versions;
    return material.filter((v) => v.version > versions[v.document]);
  }

  /** Records the acceptance of every outstanding version (with its number and the time), audited. */
  async accept(actor: Actor): Promise<PolicyVersion[]> {
    this.#accepted.delete(actor.id);
    const due = POLICY_DOCUMENTS.map((d) => this.inForce(d)).filter((v): v is PolicyVersion => v !== null);
    const outstanding = await this.outstanding(actor.id);
    // Accepting records the versions in force of the documents that asked for it.
    const accepted = due.filter((v) => outstanding.some((o) => o.document === v.document));
    await this.services.db.transaction().execute(async (trx) => {
      for (const v of accepted) {
        await store.insertAcceptance(trx, actor.id, v.document, v.version);
        await recordAudit(trx, 'policy.accepted', { type: 'policy_version', id: v.id }, { document: v.document, version: v.version }, actor.id);
      }
    });
    this.#accepted.delete(actor.id);
    return accepted;
  }

  // Back office.

  list(): Promise<PolicyVersion[]> {
    return store.listVersions(this.services.db);
  }

  async get(id: string): Promise<PolicyVersion> {
    const v = await store.findVersion(this.services.db, id);
    if (!v) throw new NotFoundError();
    return v;
  }

  /** A new draft; only one draft per document at a time (the next number is reserved for it). */
  async createDraft(actor: Actor, document: PolicyDocument, input: store.VersionInput): Promise<string> {
    return this.services.db.transaction().execute(async (trx) => {
      const existing = (await store.listVersions(trx, document)).find((v) => v.status === 'draft');
      if (existing) throw new ValidationError('draft_exists', 'a draft already exists');
      const version = (await store.maxVersion(trx, document)) + 1;
      const id = await store.insertVersion(trx, { ...input, document, version, status: 'draft', createdBy: actor.id });
      await recordAudit(trx, 'policy.version_created', { type: 'policy_version', id }, { document, version, material: input.material }, actor.id);
      return id;
    });
  }

  async updateDraft(actor: Actor, id: string, input: store.VersionInput): Promise<void> {
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.updateDraft(trx, id, input))) throw new ValidationError('not_draft', 'only drafts change');
      await recordAudit(trx, 'policy.version_updated', { type: 'policy_version', id }, { material: input.material }, actor.id);
    });
  }

  /** Publishes a draft, in force now or from a later date; the pages change at once. */
  async publish(actor: Actor, id: string, effectiveAt: Date | 'now'): Promise<void> {
    const when = effectiveAt === 'now' ? new Date() : effectiveAt;
    if (when.getTime() < Date.now() - 60_000) throw new ValidationError('past', 'effective date in the past');
    await this.services.db.transaction().execute(async (trx) => {
      const v = await store.findVersion(trx, id);
      if (!v || !(await store.publishDraft(trx, id, when))) throw new ValidationError('not_draft', 'only drafts are published');
      await recordAudit(trx, 'policy.version_published', { type: 'policy_version', id }, { document: v.document, version: v.version, material: v.material, effectiveAt: when.toISOString() }, actor.id);
    });
    await this.reload();
    this.#accepted.clear();
    this.services.pageCache.clear();
  }

  async currentBody(document: PolicyDocument): Promise<store.VersionInput | null> {
    const v = this.inForce(document) ?? (await store.listVersions(this.services.db, document)).at(-1);
    return v ? { body: v.body, summary: { en: '', es: '' }, material: false } : null;
  }
}

/** The static text without its title and version lines (the page shows both from the record). */
function stripHeader(source: string): string {
  const lines = source.split('\n');
  let i = 0;
  const out: string[] = [];
  for (const line of lines) {
    if (i < 6 && (/^# /.test(line) || /^(Version|Versión) /.test(line))) {
      i++;
      continue;
    }
    out.push(line);
    i++;
  }
  const title = lines.find((l) => l.startsWith('# '));
  return `${title ?? ''}\n\n${out.join('\n').trim()}\n`;
}

/**
 * Renders a version's Markdown: the first `# ` line is the title; the practice's identity fills
 * the placeholders; sections (##) sit under the page's h1.
 */
async function renderPolicyMarkdown(source: string, config: AppServices['config']): Promise<{ title: string; html: string }> {
  const values: Record<string, string> = {
    minAge: String(config.minAge),
    practice: config.practice.name,
    legalEntity: config.practice.legalEntity,
    address: config.practice.address,
    email: config.practice.email,
    jurisdiction: config.practice.jurisdiction,
    phone: config.practice.phone,
  };
  const filled = source.replace(/\{(minAge|practice|legalEntity|address|email|jurisdiction|phone)\}/g, (_, key: string) => values[key] ?? '');
  const lines = filled.split('\n');
  const title = (lines.find((l) => l.startsWith('# ')) ?? '# ').slice(2).trim();
  const body = lines.filter((l) => !l.startsWith('# ')).join('\n');
  const html = (await renderMarkdown(body.replace(/^##(#*) /gm, '#$1 '), { siteOrigin: new URL(config.publicUrl).origin }))
    .replace(/<(\/?)h3>/g, '<$1h2>')
    .replace(/<(\/?)h4>/g, '<$1h3>');
  return { title, html };
}
