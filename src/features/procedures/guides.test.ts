import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { verifyAuditChain } from '../../core/audit/index.js';
import { readJson } from '../../core/db/portable.js';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { photoWithGps, png, video, zip } from '../../../test/support/media-fixtures.js';

const brochure = `FACELIFT

WHAT IS A FACELIFT?

A facelift lifts and firms sagging skin of the lower face and jaw line.

It does not stop aging. It can turn back some of its signs.

RISKS

Every surgery carries some risk. Bleeding and infection are rare.

Illustration: incision lines in front of the ear

RISKS

Every surgery carries some risk. Bleeding and infection are rare.

TERMS OF USE

By using this website you agree to these terms.
`;

function idFromLocation(location: string | undefined): string {
  const match = /\/admin\/guides\/([^/?#]+)/.exec(location ?? '');
  assert.ok(match, `no guide id in ${location}`);
  return match[1] as string;
}

describe('procedure guides', () => {
  let t: TestApp;
  let editor: string;

  before(async () => {
    t = await buildTestApp();
    editor = await t.signIn(['editor']);
  });
  after(() => t.close());

  async function createGuide(slug: string, locale = 'en'): Promise<string> {
    const res = await t.request({ method: 'POST', url: '/admin/guides', as: editor, ...form({ title: `Guide ${slug}`, slug, locale, category: 'face', summary: 'A short summary.' }) });
    assert.equal(res.statusCode, 303, res.body);
    return idFromLocation(res.headers.location);
  }

  async function sections(id: string): Promise<{ id: string; kind: string }[]> {
    const { guide } = await (await import('./index.js')).guideService(t.services).forEditing(id);
    return guide.sections.map((s) => ({ id: s.id, kind: s.kind }));
  }

  test('the back office refuses anonymous visitors', async () => {
    const page = await t.request({ url: '/admin/guides', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 303);
    assert.match(page.headers.location ?? '', /^\/account\/sign-in\?next=/);
    const post = await t.request({ method: 'POST', url: '/admin/guides', ...form({ title: 'x', slug: 'x', locale: 'en', category: 'face', summary: 'x' }) });
    assert.equal(post.statusCode, 401);
    assert.equal((await t.services.db.selectFrom('guides').select('id').execute()).length, 0);
  });

  test('a member without the editor role is forbidden', async () => {
    const member = await t.signIn(['member']);
    const res = await t.request({ url: '/admin/guides', as: member });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Not allowed/);
  });

  test('invalid input returns the form with messages and writes nothing', async () => {
    const res = await t.request({ method: 'POST', url: '/admin/guides', as: editor, ...form({ title: '', slug: 'Not A Slug!', locale: 'fr', category: 'face', summary: 'x' }) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /This field is required/);
    assert.match(res.body, /lower-case letters/);
    assert.match(res.body, /value="Not A Slug!"/);
    assert.equal((await t.services.db.selectFrom('guides').select('id').execute()).length, 0);
  });

  test('unknown form fields are refused, not ignored', async () => {
    const res = await t.request({ method: 'POST', url: '/admin/guides', as: editor, ...form({ title: 'T', slug: 'tt', locale: 'en', category: 'face', summary: 's', admin: '1' }) });
    assert.equal(res.statusCode, 422);
  });

  test('create, write, publish: readers see it, from the cache until the next edit', async () => {
    const id = await createGuide('necklift-test');
    const draft = await t.request({ url: '/guides/necklift-test' });
    assert.equal(draft.statusCode, 404, 'drafts are not public');

    const overview = (await sections(id)).find((s) => s.kind === 'overview');
    assert.ok(overview);
    let res = await t.request({ method: 'POST', url: `/admin/guides/${id}/sections/${overview.id}`, as: editor, ...form({ kind: 'overview', heading: '', body: 'A necklift firms the **neck**. <script>alert(1)</script> [x](javascript:alert(1))' }) });
    assert.equal(res.statusCode, 303, res.body);
    res = await t.request({ method: 'POST', url: `/admin/guides/${id}/publish`, as: editor });
    assert.equal(res.statusCode, 303);

    const first = await t.request({ url: '/guides/necklift-test' });
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['x-page-cache'], 'miss');
    assert.match(first.body, /<strong>neck<\/strong>/);
    assert.doesNotMatch(first.body, /<script>alert/);
    assert.doesNotMatch(first.body, /href="javascript:/i);
    assert.match(first.body, /application\/ld\+json/);
    assert.match(first.body, /"@type":"MedicalWebPage"/);
    assert.match(first.body, /"@type":"MedicalProcedure"/);
    assert.match(first.body, /<link rel="canonical" href="http:\/\/localhost:3000\/guides\/necklift-test"/);
    assert.match(first.body, /property="og:title"/);
    assert.match(first.body, /\/consultation\?procedure=necklift-test/);
    assert.match(first.body, /not medical advice/);

    const second = await t.request({ url: '/guides/necklift-test' });
    assert.equal(second.headers['x-page-cache'], 'hit');
    // The cached copy carries this response's nonce, not the first one's.
    const nonceOf = (r: typeof first): string => /'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))?.[1] ?? '';
    assert.notEqual(nonceOf(first), nonceOf(second));
    assert.ok(second.body.includes(`nonce="${nonceOf(second)}"`));
    const revalidated = await t.request({ url: '/guides/necklift-test', headers: { 'if-none-match': String(second.headers.etag) } });
    assert.equal(revalidated.statusCode, 304);

    // Signed-in people always get a fresh page.
    const staffView = await t.request({ url: '/guides/necklift-test', as: editor });
    assert.equal(staffView.headers['x-page-cache'], undefined);
    assert.match(String(staffView.headers['cache-control']), /no-store/);

    await t.request({ method: 'POST', url: `/admin/guides/${id}/sections/${overview.id}`, as: editor, ...form({ kind: 'overview', heading: '', body: 'A necklift tightens the neck.' }) });
    const after = await t.request({ url: '/guides/necklift-test' });
    assert.equal(after.headers['x-page-cache'], 'miss');
    assert.match(after.body, /tightens the neck/);

    const sitemap = await t.request({ url: '/sitemap.xml' });
    assert.match(sitemap.body, /<loc>http:\/\/localhost:3000\/guides\/necklift-test<\/loc>/);

    await t.request({ method: 'POST', url: `/admin/guides/${id}/unpublish`, as: editor });
    assert.equal((await t.request({ url: '/guides/necklift-test' })).statusCode, 404);
  });

  test('stored articles of an older format are rebuilt, and the page is the same', async () => {
    const id = await createGuide('format-test');
    const overview = (await sections(id)).find((s) => s.kind === 'overview');
    assert.ok(overview);
    await t.request({ method: 'POST', url: `/admin/guides/${id}/sections/${overview.id}`, as: editor, ...form({ kind: 'overview', heading: '', body: 'Format test body.' }) });
    await t.request({ method: 'POST', url: `/admin/guides/${id}/publish`, as: editor });
    const before = await t.request({ url: '/guides/format-test', as: editor });
    const row = await t.services.db.selectFrom('guides').select('public_doc').where('id', '=', id).executeTakeFirstOrThrow();
    const stale = { ...readJson<Record<string, unknown>>(row.public_doc), format: 'older' };
    await t.services.db.updateTable('guides').set({ public_doc: JSON.stringify(stale), public_html: '<p>stale</p>' }).where('id', '=', id).execute();
    const service = (await import('./index.js')).guideService(t.services);
    assert.ok((await service.refreshStalePublicDocs()) >= 1);
    assert.equal(await service.refreshStalePublicDocs(), 0);
    const after = await t.request({ url: '/guides/format-test', as: editor });
    assert.match(after.body, /Format test body/);
    const strip = (html: string): string => html.replace(/nonce="[^"]+"/g, '').replace(/x-request-id.*$/m, '');
    assert.equal(strip(after.body), strip(before.body));
  });

  test('titles cannot break out of the structured data or the markup', async () => {
    const res = await t.request({ method: 'POST', url: '/admin/guides', as: editor, ...form({ title: '</script><script>alert(1)</script>', slug: 'script-title', locale: 'en', category: 'face', summary: '"><img src=x onerror=alert(1)>' }) });
    const id = idFromLocation(res.headers.location);
    const overview = (await sections(id)).find((s) => s.kind === 'overview');
    assert.ok(overview);
    await t.request({ method: 'POST', url: `/admin/guides/${id}/sections/${overview.id}`, as: editor, ...form({ kind: 'overview', heading: '', body: 'Body.' }) });
    await t.request({ method: 'POST', url: `/admin/guides/${id}/publish`, as: editor });
    const page = await t.request({ url: '/guides/script-title' });
    assert.equal(page.statusCode, 200);
    // Inside a quoted attribute value "<" is plain text; outside attributes it must be escaped.
    const outsideAttributes = page.body.replace(/="[^"]*"/g, '=""');
    assert.doesNotMatch(outsideAttributes, /<script>alert/);
    assert.doesNotMatch(outsideAttributes, /<img src=x/);
    assert.match(page.body, /\\u003c\/script>\\u003cscript>alert\(1\)\\u003c\/script>/);
  });

  test('two editors taking the same address at once: one wins, the other gets a clear refusal', async () => {
    const service = (await import('./index.js')).guideService(t.services);
    const input = { slug: 'race-test', locale: 'en' as const, category: 'face' as const, title: 'Race', summary: 'S' };
    const results = await Promise.allSettled([service.create(null, input), service.create(null, input)]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected');
    assert.equal((refused as PromiseRejectedResult).reason.code, 'slug_taken');
    assert.equal((await t.services.db.selectFrom('guides').select('id').where('slug', '=', 'race-test').execute()).length, 1);
  });

  test('an empty guide cannot be published', async () => {
    const id = await createGuide('empty-guide');
    const res = await t.request({ method: 'POST', url: `/admin/guides/${id}/publish`, as: editor });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /at least one section/);
  });

  test('revisions: every save is kept, diffs are word-level, restore makes a new revision', async () => {
    const id = await createGuide('revision-test');
    const overview = (await sections(id)).find((s) => s.kind === 'overview');
    assert.ok(overview);
    const save = (body: string) => t.request({ method: 'POST', url: `/admin/guides/${id}/sections/${overview.id}`, as: editor, ...form({ kind: 'overview', heading: '', body }) });
    await save('The swelling fades in two weeks.');
    await save('The swelling fades in three weeks.');

    const history = await t.request({ url: `/admin/guides/${id}/revisions`, as: editor });
    assert.equal(history.statusCode, 200);
    assert.match(history.body, /Revision history/);

    const diff = await t.request({ url: `/admin/guides/${id}/diff?from=2&to=3`, as: editor });
    assert.equal(diff.statusCode, 200);
    assert.match(diff.body, /<del>.*two.*<\/del>/s);
    assert.match(diff.body, /<ins>.*three.*<\/ins>/s);

    const restore = await t.request({ method: 'POST', url: `/admin/guides/${id}/revisions/2/restore`, as: editor });
    assert.equal(restore.statusCode, 303);
    const { guide } = await (await import('./index.js')).guideService(t.services).forEditing(id);
    assert.equal(guide.revision, 4);
    assert.equal(guide.sections.find((s) => s.kind === 'overview')?.bodyMd, 'The swelling fades in two weeks.');

    const bad = await t.request({ url: `/admin/guides/${id}/diff?from=abc&to=3`, as: editor });
    assert.equal(bad.statusCode, 400);
    const missing = await t.request({ url: `/admin/guides/${id}/diff?from=99&to=3`, as: editor });
    assert.equal(missing.statusCode, 404);
    assert.equal(await verifyAuditChain(t.services.db), null);
  });

  test('live preview renders Markdown safely and reports the reading grade', async () => {
    const id = await createGuide('preview-test');
    const res = await t.request({
      method: 'POST',
      url: `/admin/guides/${id}/preview`,
      as: editor,
      payload: form({ kind: 'overview', heading: '', body: 'Short words help. <b>x</b>\n\nThe multidisciplinary perioperative anesthetic considerations necessitate comprehensive preoperative evaluation.' }).payload,
      headers: { 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.match(res.body, /grade-high/);
    assert.match(res.body, /<mark>The multidisciplinary/);
    assert.doesNotMatch(res.body, /<html/);
  });

  test('sections can be added, moved and removed', async () => {
    const id = await createGuide('structure-test');
    const before = await sections(id);
    const noHeading = await t.request({ method: 'POST', url: `/admin/guides/${id}/sections`, as: editor, ...form({ kind: 'custom', heading: '', body: '' }) });
    assert.equal(noHeading.statusCode, 422);
    assert.match(noHeading.body, /needs a heading/);
    const add = await t.request({ method: 'POST', url: `/admin/guides/${id}/sections`, as: editor, ...form({ kind: 'custom', heading: 'Keloid scars', body: '' }) });
    assert.equal(add.statusCode, 303);
    const added = (await sections(id)).at(-1);
    assert.ok(added && added.kind === 'custom' && before.length + 1 === (await sections(id)).length);
    await t.request({ method: 'POST', url: `/admin/guides/${id}/sections/${added.id}/move`, as: editor, ...form({ direction: 'up' }) });
    assert.equal((await sections(id)).at(-2)?.id, added.id);
    const badMove = await t.request({ method: 'POST', url: `/admin/guides/${id}/sections/${added.id}/move`, as: editor, ...form({ direction: 'sideways' }) });
    assert.equal(badMove.statusCode, 400);
    await t.request({ method: 'POST', url: `/admin/guides/${id}/sections/${added.id}/delete`, as: editor });
    assert.equal((await sections(id)).length, before.length);
  });

  test('importing a brochure makes a draft and reports what it found', async () => {
    const res = await t.request({ method: 'POST', url: '/admin/guides/import', as: editor, ...form({ text: brochure, locale: 'en', category: 'face' }) });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Brochure imported/);
    assert.match(res.body, /TERMS OF USE/);
    const guide = await t.services.db.selectFrom('guides').selectAll().where('slug', '=', 'facelift').executeTakeFirstOrThrow();
    assert.equal(guide.status, 'draft');
    const rows = await t.services.db.selectFrom('guide_sections').select(['kind', 'body_md']).where('guide_id', '=', guide.id).execute();
    assert.equal(rows.filter((r) => r.kind === 'risks').length, 1, 'the page pasted twice appears once');
    assert.ok(!rows.some((r) => /agree to these terms/.test(r.body_md)));
    const figures = await t.services.db.selectFrom('guide_figures').select(['caption', 'media_id']).where('guide_id', '=', guide.id).execute();
    assert.equal(figures.length, 1);
    assert.equal(figures[0]?.media_id, null);
  });

  test('bad brochures get a clear message and create nothing', async () => {
    const count = async () => (await t.services.db.selectFrom('guides').select('id').execute()).length;
    const before = await count();
    for (const [text, message] of [
      ['   ', /Paste the text of a brochure first/],
      ['Just a paragraph of prose without any heading at all.', /We found no headings/],
      ['\u0000\u0001\u0002\u0003 binary \u0000\u0000', /does not look like plain text/],
    ] as const) {
      const res = await t.request({ method: 'POST', url: '/admin/guides/import', as: editor, ...form({ text, locale: 'en', category: 'face' }) });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, message);
    }
    assert.equal(await count(), before);
  });

  test('figures: images are cleaned and resized; other files are refused by their bytes', async () => {
    const id = await createGuide('figure-test');
    const boundary = '----sutura';
    const multipart = (file: { name: string; type: string; bytes: Buffer }, fields: Record<string, string>) => {
      const parts: Buffer[] = [];
      for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
      return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    const fake = await t.request({ method: 'POST', url: `/admin/guides/${id}/figures`, as: editor, ...multipart({ name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('MZ\x90\x00 this is an executable, not a photo') }, { alt: 'A photo', caption: 'Before', section: '' }) });
    assert.equal(fake.statusCode, 422);
    assert.match(fake.body, /This file is a program/);
    assert.equal((await t.services.db.selectFrom('media').select('id').execute()).length, 0);

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const svgRes = await t.request({ method: 'POST', url: `/admin/guides/${id}/figures`, as: editor, ...multipart({ name: 'drawing.png', type: 'image/png', bytes: svg }, { alt: 'A drawing', caption: '', section: '' }) });
    assert.equal(svgRes.statusCode, 422);

    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c08060' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'CameraCo', Model: 'Serial 12345' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 46/1 0/1' } })
      .toBuffer();
    assert.ok((await sharp(photo).metadata()).exif, 'the fixture has EXIF');
    const ok = await t.request({ method: 'POST', url: `/admin/guides/${id}/figures`, as: editor, ...multipart({ name: '../../etc/passwd.jpg', type: 'image/jpeg', bytes: photo }, { alt: 'Incision lines', caption: 'Incisions', section: '' }) });
    assert.equal(ok.statusCode, 303, ok.body);
    const media = await t.services.db.selectFrom('media').selectAll().executeTakeFirstOrThrow();
    const variants = readJson<{ key: string; width: number }[]>(media.variants);
    assert.deepEqual([...new Set(variants.map((v) => v.width))], [480, 960, 1200]);
    for (const v of variants) {
      assert.match(v.key, /^[A-Za-z0-9_-]+-\d+\.(avif|webp|jpg)$/);
      const res = await t.request({ url: `/media/${v.key}` });
      assert.equal(res.statusCode, 200);
      const meta = await sharp(res.rawPayload).metadata();
      assert.equal(meta.exif, undefined, `${v.key} has no EXIF`);
      assert.equal(meta.xmp, undefined);
    }
    assert.equal((await t.request({ url: '/media/..%2F..%2Fetc%2Fpasswd' })).statusCode, 404);
  });

  test('figures go through media intake: images only, by their bytes; a refusal returns the form with its reason', async () => {
    const id = await createGuide('figure-intake');
    const boundary = '----sutura-intake';
    const multipart = (file: { name: string; bytes: Buffer }) => {
      const fields = { alt: 'A figure', caption: 'Caption', section: '' };
      const parts: Buffer[] = [];
      for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
      // The declared type always claims a JPEG: it never decides anything.
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${file.name}"\r\nContent-Type: image/jpeg\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
      return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    const count = async (): Promise<number> => (await t.services.db.selectFrom('media').select('id').execute()).length;
    const before = await count();
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'sutura-figure-'));
    const photo = await photoWithGps(400, 300);
    const cases: [string, Buffer, RegExp][] = [
      ['clip.mp4', video(dir, 'mp4'), /cannot be used here/],
      ['photo.jpg', await png(), /ends in a different type than its contents/],
      ['photo.jpg', Buffer.concat([photo, zip('payload.js', Buffer.from('alert(1)'))]), /hides other content/],
      ['photo.jpg', zip(), /archives/],
      ['photo.jpg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), /SVG/],
    ];
    await rm(dir, { recursive: true, force: true });
    for (const [name, bytes, message] of cases) {
      const res = await t.request({ method: 'POST', url: `/admin/guides/${id}/figures`, as: editor, ...multipart({ name, bytes }) });
      assert.equal(res.statusCode, 422, name);
      assert.match(res.body, message);
      assert.ok(res.body.includes('href="#field-image"'), 'the editor comes back with the message at the image field');
    }
    assert.equal(await count(), before, 'nothing stored');
    const ok = await t.request({ method: 'POST', url: `/admin/guides/${id}/figures`, as: editor, ...multipart({ name: 'Foto\u0007 <i>clínica.jpg', bytes: photo }) });
    assert.equal(ok.statusCode, 303, ok.body);
    const row = await t.services.db.selectFrom('media').select(['original_name', 'variants']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(row.original_name, 'Foto <i>clínica.jpg', 'kept as text, control characters removed; escaped wherever shown');
    assert.ok(readJson<{ format: string }[]>(row.variants).some((v) => v.format === 'avif'));
  });
});
