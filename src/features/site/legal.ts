import { readFileSync } from 'node:fs';
import type { PracticeIdentity } from '../../core/config/index.js';
import type { Locale } from '../../core/i18n/index.js';
import { renderMarkdown } from '../../core/markdown/index.js';
import { projectPath } from '../../core/paths.js';

export const LEGAL_PAGES = ['terms', 'privacy', 'disclaimer'] as const;
export type LegalPage = (typeof LEGAL_PAGES)[number];

export interface LegalDocument {
  readonly title: string;
  readonly version: string;
  readonly html: string;
}

/**
 * Reads a legal text (Markdown written for Sutura, in content/<locale>/) and fills in the
 * practice's identity from configuration. Versioned editing arrives with the privacy center.
 */
export async function loadLegalDocument(page: LegalPage, locale: Locale, practice: PracticeIdentity, minAge: number, publicOrigin: string): Promise<LegalDocument> {
  const source = readFileSync(projectPath('src', 'features', 'site', 'content', locale, `${page}.md`), 'utf8');
  const filled = source.replace(/\{(minAge|practice|legalEntity|address|email|jurisdiction|phone)\}/g, (_, key: string) => {
    const values: Record<string, string> = {
      minAge: String(minAge),
      practice: practice.name,
      legalEntity: practice.legalEntity,
      address: practice.address,
      email: practice.email,
      jurisdiction: practice.jurisdiction,
      phone: practice.phone,
    };
    return values[key] ?? '';
  });
  const lines = filled.split('\n');
  const title = (lines.find((l) => l.startsWith('# ')) ?? '# ').slice(2).trim();
  const version = lines.find((l) => /^(Version|Versión) /.test(l))?.trim() ?? '';
  const body = lines.filter((l) => !l.startsWith('# ') && l.trim() !== version).join('\n');
  // Legal texts use ## for sections; shift so they sit under the page's h1 as h2.
  const html = (await renderMarkdown(body.replace(/^##(#*) /gm, '#$1 '), { siteOrigin: publicOrigin }))
    .replace(/<(\/?)h3>/g, '<$1h2>').replace(/<(\/?)h4>/g, '<$1h3>');
  return { title, version, html };
}

/** Version lines read from the static texts: the same files for every app in the process. */
const staticVersions = new Map<LegalPage, string>();

/** The version line of a static text, from its English original, which the translations follow. */
function staticVersion(page: LegalPage): string {
  let version = staticVersions.get(page);
  if (version === undefined) {
    const source = readFileSync(projectPath('src', 'features', 'site', 'content', 'en', `${page}.md`), 'utf8');
    version = source.split('\n').find((l) => l.startsWith('Version '))?.trim() ?? 'unversioned';
    staticVersions.set(page, version);
  }
  return version;
}

/** The version line in force of a legal text, or null when the source does not keep that text. */
export type PolicyVersionSource = (page: LegalPage) => string | null;

/**
 * The versions in force of an app's legal texts ("Version 1 · Effective 22 November 2026"), as
 * records of collected data keep them. Each app has its own (AppServices.policyVersions): the
 * policies feature hands it the versions it publishes in that app's database; until then, and
 * for the disclaimer, the static texts answer.
 */
export class PolicyVersions {
  #source: PolicyVersionSource | null = null;

  /** Where the versions in force come from once the policies feature has loaded them. */
  use(source: PolicyVersionSource): void {
    this.#source = source;
  }

  /** The version line of the text in force. */
  current(page: LegalPage): string {
    return this.#source?.(page) ?? staticVersion(page);
  }
}
