/**
 * Markdown for editor-written section bodies (guides, library articles, answers).
 *
 * The output goes into pages unescaped, so this module is a security boundary: raw HTML is
 * escaped, only an allow-list of link schemes can become an `href`, and images are refused
 * (figures go through the media pipeline, which strips metadata and bounds pixels).
 */
import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

/** Options for {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /**
   * Screen-reader text appended to external links, e.g. "opens another website"; rendered as
   * ` (LABEL)` inside a visually hidden span. Pass it already translated.
   */
  externalLinkLabel?: string;
  /** Our own origin (e.g. `https://sutura.example`): absolute links to it are not external. */
  siteOrigin?: string;
}

/** What the core rule needs per call; markdown-it hands it to rules as `env`. */
interface RenderEnv {
  externalLinkLabel?: string | undefined;
  siteOrigin?: string | undefined;
}

/** How an `href` may be used; anything not recognised is `blocked`. */
type HrefKind = 'fragment' | 'relative' | 'http' | 'mailto' | 'tel' | 'blocked';

/** Schemes that may become an href; everything else (javascript:, data:, file:, ...) is text. */
const ALLOWED_SCHEMES: Readonly<Record<string, HrefKind>> = {
  http: 'http',
  https: 'http',
  mailto: 'mailto',
  tel: 'tel',
};

/** The page has h1 for its title and h2 for sections, so a `#` in a body is an h3. */
const HEADING_SHIFT = 2;

const md = createParser();

/**
 * Render a Markdown section body to HTML that is safe to insert into a page.
 *
 * Raw HTML is escaped; links with a scheme other than http(s), mailto or tel render as their
 * text only; images render as their alt text; `#` headings become `<h3>` (`##` h4, down to h6).
 * External links get `class="external"`, `rel="external noopener noreferrer"` and, with
 * `externalLinkLabel`, a visually hidden ` (label)` so screen-reader users know they leave.
 */
export function renderMarkdown(source: string, options: RenderMarkdownOptions = {}): string {
  const env: RenderEnv = {
    externalLinkLabel: options.externalLinkLabel,
    siteOrigin: options.siteOrigin,
  };
  return md.render(source, env);
}

/**
 * The text a reader sees in `source`, without markup: for reading-grade checks and the search
 * index. Blocks (paragraphs, headings, list items, code blocks) are separated by a blank line
 * so sentence splitting can treat them as sentence ends. The result is plain text, not HTML:
 * escape it before putting it in a page.
 */
export function markdownToPlainText(source: string): string {
  const out: string[] = [];
  for (const token of md.parse(source, {} satisfies RenderEnv)) {
    switch (token.type) {
      case 'inline':
        out.push(inlineText(token.children ?? []));
        break;
      case 'code_block':
      case 'fence':
        out.push(token.content, '\n\n');
        break;
      case 'paragraph_close':
      case 'heading_close':
      case 'hr':
      case 'tr_close':
        out.push('\n\n');
        break;
      case 'th_close':
      case 'td_close':
        out.push(' ');
        break;
      default:
        break;
    }
  }
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

function inlineText(children: Token[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak') text += ' ';
    else if (child.type === 'hardbreak') text += '\n';
    else if (child.type === 'image') text += inlineText(child.children ?? []);
  }
  return text;
}

function createParser(): MarkdownIt {
  const parser = new MarkdownIt('default', { html: false, linkify: true, typographer: true });

  // Let every destination parse as a link so a refused one can still show its text (the default
  // validator leaves `[x](javascript:...)` as literal brackets). Safety does not rest here: the
  // `sutura_links` rule below checks the final, normalised href against an allow-list.
  parser.validateLink = (): boolean => true;

  parser.core.ruler.push('sutura_headings', shiftHeadings);
  parser.core.ruler.push('sutura_links', checkLinks);

  // Images are alt text only: figures are managed (and sanitised) by the media pipeline.
  parser.renderer.rules.image = (tokens, idx, options, env): string => {
    const token = tokens[idx];
    if (!token) return '';
    return parser.utils.escapeHtml(parser.renderer.renderInlineAsText(token.children ?? [], options, env));
  };
  return parser;
}

function shiftHeadings(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(level + HEADING_SHIFT, 6)}`;
  }
}

/** Drop refused links (keeping their text) and mark external ones. */
function checkLinks(state: StateCore): void {
  const env = state.env as RenderEnv;
  const ownOrigin = originOf(env.siteOrigin);
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const kept: Token[] = [];
    // Links never nest in CommonMark, but a stack keeps open/close pairing honest regardless.
    const open: { keep: boolean; external: boolean }[] = [];
    for (const token of block.children) {
      if (token.type === 'link_open') {
        const href = token.attrGet('href') ?? '';
        const kind = classifyHref(href);
        const keep = kind !== 'blocked';
        const external = keep && kind === 'http' && isExternal(href, ownOrigin);
        open.push({ keep, external });
        if (!keep) continue;
        if (external) {
          token.attrSet('class', 'external');
          // noopener/noreferrer: the practice's visitors are patients; do not tell a third
          // party which page (and so which procedure) they came from.
          token.attrSet('rel', 'external noopener noreferrer');
        }
        kept.push(token);
      } else if (token.type === 'link_close') {
        const link = open.pop();
        if (link && !link.keep) continue;
        if (link?.external && env.externalLinkLabel) {
          const label = new state.Token('html_inline', '', 0);
          label.content = `<span class="visually-hidden"> (${state.md.utils.escapeHtml(env.externalLinkLabel)})</span>`;
          kept.push(label);
        }
        kept.push(token);
      } else {
        kept.push(token);
      }
    }
    block.children = kept;
  }
}

/**
 * Classify a normalised href. Conservative on purpose: percent-escapes are decoded and all
 * whitespace and control characters removed before the scheme is read, so obfuscations such
 * as `java&#x09;script:` (normalised to `java%09script:`) or `<java script:...>` are refused
 * even where a browser would read them as harmless relative paths.
 */
function classifyHref(href: string): HrefKind {
  const bare = decodePercent(href).replace(/[\s\p{Cc}\p{Cf}]/gu, '');
  if (bare === '') return 'blocked';
  if (bare.startsWith('#')) return 'fragment';
  const scheme = /^([a-z][a-z0-9+.-]*):/iu.exec(bare)?.[1];
  if (scheme !== undefined) return ALLOWED_SCHEMES[scheme.toLowerCase()] ?? 'blocked';
  // `//host` (and `\\host`, which browsers treat the same) is an absolute link in disguise.
  if (/^[/\\]{2}/u.test(bare)) return 'http';
  return 'relative';
}

/** Decode `%XX` byte-wise; never throws on malformed escapes (unlike decodeURIComponent). */
function decodePercent(value: string): string {
  return value.replace(/%([0-9a-f]{2})/giu, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function isExternal(href: string, ownOrigin: string | null): boolean {
  if (ownOrigin === null) return true;
  try {
    // Protocol-relative hrefs resolve against our own origin, so `//other.host` is external.
    return new URL(href, ownOrigin).origin !== ownOrigin;
  } catch {
    return true;
  }
}

function originOf(siteOrigin: string | undefined): string | null {
  if (!siteOrigin) return null;
  try {
    return new URL(siteOrigin).origin;
  } catch {
    return null;
  }
}
