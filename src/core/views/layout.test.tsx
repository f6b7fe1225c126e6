import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config/index.js';
import { translator, type Locale } from '../i18n/index.js';
import { loadAssets } from './assets.js';
import type { PageMeta, ViewContext } from './context.js';
import { Layout } from './layout.js';

loadAssets();
const practice = loadConfig({}).practice;

function context(overrides: Partial<ViewContext> & { locale?: Locale } = {}): ViewContext {
  const locale = overrides.locale ?? 'en';
  return {
    locale,
    t: translator(locale),
    path: '/',
    publicUrl: 'https://clinic.example',
    practice,
    actor: null,
    nonce: 'nonce-1',
    can: () => false,
    partial: false,
    ...overrides,
  };
}

const render = (ctx: ViewContext, meta: PageMeta, body = '<p>Body</p>') => Layout({ ctx, meta, children: body }) as string;

// NODE_ENV=test makes Layout compare each reused frame with a fresh render and throw on a
// difference; these pages share shapes on purpose, so a value left out of the shape or the
// markers fails here.
describe('page frame', () => {
  it('pages of one shape keep their own title, addresses, navigation and content', () => {
    const meta = { title: 'Guides', description: 'All guides' };
    const first = render(context({ path: '/guides' }), meta, '<p>One</p>');
    const second = render(context({ path: '/contact', nonce: 'nonce-2' }), { title: 'Contact "us" <now>', description: 'Write & ask' }, '<p>Two</p>');
    assert.match(first, /<title>Guides · /);
    assert.match(first, /<a href="\/guides" aria-current="page">/);
    assert.match(first, /<link rel="canonical" href="https:\/\/clinic.example\/guides"\/?>/);
    assert.match(first, /<p>One<\/p>/);
    assert.match(second, /<title>Contact &#34;us&#34; &lt;now> · /);
    assert.match(second, /content="Contact &#34;us&#34; <now>"/);
    assert.match(second, /<a href="\/contact" aria-current="page">/);
    assert.doesNotMatch(second, /<a href="\/guides" aria-current/);
    assert.match(second, /name="source" value="\/contact"/);
    assert.match(second, /<p>Two<\/p>/);
    const third = render(context({ path: '/guides/necklift' }), meta, '<p>Three</p>');
    assert.match(third, /name="source" value="\/guides\/necklift"/);
    assert.match(third, /hreflang="es" href="https:\/\/clinic.example\/es\/guides\/necklift"/);
    assert.match(third, /<a href="\/es\/guides\/necklift" hreflang="es" lang="es">/);
  });

  it('a signed-in person sees their name; the next anonymous reader does not', () => {
    const meta = { title: 'Home' };
    const signedIn = render(context({ actor: { name: 'Ana <b>', isStaff: false } }), meta);
    const anonymous = render(context(), meta);
    assert.match(signedIn, /Ana &lt;b>/);
    assert.doesNotMatch(anonymous, /Ana/);
    assert.match(anonymous, /account\/sign-in/);
  });

  it('JSON-LD carries each page its own nonce; the banner returns to its own page', () => {
    const meta = { title: 'Guide', jsonLd: ['{"a":1}'] };
    const banner = (returnTo: string) => ({ returnTo, optOutSignal: false });
    const one = render(context({ path: '/guides/a', nonce: 'n-a', consentBanner: banner('/guides/a') }), meta);
    const two = render(context({ path: '/guides/b', nonce: 'n-b', consentBanner: banner('/es/guides/b'), locale: 'es', t: translator('es') }), { ...meta, jsonLd: ['{"b":2}'] });
    assert.match(one, /<script type="application\/ld\+json" nonce="n-a">\{"a":1\}<\/script>/);
    assert.match(two, /<script type="application\/ld\+json" nonce="n-b">\{"b":2\}<\/script>/);
    assert.match(one, /name="returnTo" value="\/guides\/a"/);
    assert.match(two, /name="returnTo" value="\/es\/guides\/b"/);
    assert.match(two, /<html lang="es">/);
  });

  it('content given as a promise is awaited', async () => {
    const html = await Layout({ ctx: context(), meta: { title: 'Later' }, children: Promise.resolve('<p>Late</p>') });
    assert.match(html, /<p>Late<\/p>/);
  });
});
