import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { newId } from '../../core/db/ids.js';
import { nowIso } from '../../core/db/portable.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdf, png, video, zip } from '../../../test/support/media-fixtures.js';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { libraryService } from './index.js';
import { LICENCE_VERSION } from './model.js';
import { parseReferences } from './schemas.js';

const BOUNDARY = '----sutura-library';
function multipart(file: { name: string; type: string; bytes: Buffer }, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

describe('library', () => {
  let t: TestApp;
  let owner: string;
  let other: string;
  let editor: string;
  let moderator: string;
  let ownerId: string;

  /** A verified professional: the role plus an approved public profile with this slug. */
  async function professional(slug: string): Promise<{ token: string; id: string }> {
    const token = await t.signIn(['professional'], `${slug}@example.test`);
    const user = await t.services.db.selectFrom('users').select('id').where('email', '=', `${slug}@example.test`).executeTakeFirstOrThrow();
    const now = nowIso();
    await t.services.db
      .insertInto('professional_profiles')
      .values({ user_id: user.id, slug, licence_number: 'MD-1', licence_region: 'FL', specialty: 'plastic_surgery', board: 'abps', practice_name: 'Clinic', bio: '', status: 'approved', reviewed_at: now, created_at: now, updated_at: now })
      .execute();
    return { token, id: user.id };
  }

  async function accept(token: string): Promise<void> {
    const res = await t.request({ method: 'POST', url: '/library/licence', as: token, ...form({ accept: '1', next: '/library/mine' }) });
    assert.equal(res.statusCode, 303);
  }

  async function createItem(token: string, fields: Record<string, string | string[]> = {}): Promise<string> {
    const res = await t.request({
      method: 'POST',
      url: '/library/items',
      as: token,
      ...form({ kind: 'study', locale: 'en', title: 'Scar outcomes after revision', summary: 'A study of scar outcomes in 120 patients.', body: 'We followed patients for two years.', references: 'Smith J. Scars. 2020 doi:10.1000/xyz123', procedures: ['scar-revision'], ...fields }),
    });
    assert.equal(res.statusCode, 303, res.body);
    return /\/library\/items\/([^/?]+)/.exec(res.headers.location as string)![1]!;
  }

  async function upload(token: string, id: string, role: string, file: { name: string; type: string; bytes: Buffer }, alt = 'A figure'): Promise<number> {
    return (await t.request({ method: 'POST', url: `/library/items/${id}/files/${role}`, as: token, ...multipart(file, { alt }) })).statusCode;
  }

  async function publish(id: string): Promise<void> {
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/submit`, as: owner })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `/admin/library/${id}/publish`, as: editor })).statusCode, 303);
  }

  async function keysOf(id: string): Promise<string[]> {
    const rows = await t.services.db.selectFrom('library_files').innerJoin('media', 'media.id', 'library_files.media_id').select(['media.variants', 'media.file_key']).where('library_files.item_id', '=', id).execute();
    return rows.flatMap((r) => [...(JSON.parse(String(typeof r.variants === 'string' ? r.variants : JSON.stringify(r.variants))) as { key: string }[]).map((v) => v.key), ...(r.file_key ? [r.file_key] : [])]);
  }

  before(async () => {
    // A small PDF limit, to test the per-kind limit without megabytes of fixtures.
    t = await buildTestApp({ LIBRARY_PDF_MAX_MB: '1' });
    const p = await professional('dana-reyes');
    owner = p.token;
    ownerId = p.id;
    other = (await professional('omar-haddad')).token;
    editor = await t.signIn(['editor']);
    moderator = await t.signIn(['moderator']);
    // One published guide: the procedure taxonomy the library links to.
    const created = await t.request({ method: 'POST', url: '/admin/guides', as: editor, ...form({ title: 'Scar revision', slug: 'scar-revision', locale: 'en', category: 'skin', summary: 'Making scars less visible.' }) });
    const guideId = /\/admin\/guides\/([^?]+)/.exec(created.headers.location as string)![1]!;
    await t.request({ method: 'POST', url: `/admin/guides/${guideId}/sections`, as: editor, ...form({ kind: 'overview', heading: '', body: 'What scar revision is.' }) });
    assert.equal((await t.request({ method: 'POST', url: `/admin/guides/${guideId}/publish`, as: editor })).statusCode, 303);
  });
  after(() => t.close());

  test('references: DOI and PubMed ids are validated', () => {
    assert.deepEqual(parseReferences('Smith. Scars. doi:10.1000/abc.1\nLee. Necks. pmid:12345678\nhttps://doi.org/10.5555/x-y'), {
      ok: true,
      refs: [{ label: 'Smith. Scars.', doi: '10.1000/abc.1' }, { label: 'Lee. Necks.', pmid: '12345678' }, { label: '10.5555/x-y', doi: '10.5555/x-y' }],
    });
    assert.deepEqual(parseReferences('ok\nBad doi:11.2/x'), { ok: false, line: 2 });
    assert.deepEqual(parseReferences('Bad pmid:12ab'), { ok: false, line: 1 });
  });

  test('the content licence comes first, is recorded with its version, and an old version asks again', async () => {
    const res = await t.request({ url: '/library/items/new', as: owner });
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/library\/licence\?next=/);
    const refused = await t.request({ method: 'POST', url: '/library/licence', as: owner, ...form({ next: '/library/items/new' }) });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Tick the box/);
    await accept(owner);
    const rows = await t.services.db.selectFrom('library_licence_acceptances').selectAll().where('user_id', '=', ownerId).execute();
    assert.deepEqual(rows.map((r) => r.version), [LICENCE_VERSION]);
    assert.equal((await t.request({ url: '/library/items/new', as: owner })).statusCode, 200);
    // Someone who accepted only an earlier version is asked again.
    const old = await professional('old-licence');
    await t.services.db.insertInto('library_licence_acceptances').values({ id: newId(), user_id: old.id, version: '2020-01-01', accepted_at: nowIso() }).execute();
    assert.equal((await t.request({ url: '/library/items/new', as: old.token })).statusCode, 303);
    await accept(other);
  });

  test('bad input returns the form with a message and writes nothing', async () => {
    const before = (await t.services.db.selectFrom('library_items').select('id').execute()).length;
    for (const [fields, message] of [
      [{ references: 'Smith doi:12.3/x' }, /line 1 has a DOI/],
      [{ procedures: ['no-such-procedure'] }, /Choose procedures from the list/],
      [{ title: '' }, /required/],
      [{ kind: 'poem' }, /Choose one of the options/],
      [{ coauthors: 'nobody-here' }, /not a verified professional/],
    ] as const) {
      const res = await t.request({ method: 'POST', url: '/library/items', as: owner, ...form({ kind: 'study', locale: 'en', title: 'T title', summary: 'A summary long enough.', ...(fields as Record<string, string>) }) });
      assert.equal(res.statusCode, 422, JSON.stringify(fields));
      assert.match(res.body, message);
      // The error summary links to #field-<name>: the procedures group must carry that id and its error.
      if ('procedures' in fields) assert.match(res.body, /<fieldset class="field has-error" aria-describedby="field-procedures-error">/);
    }
    assert.equal((await t.services.db.selectFrom('library_items').select('id').execute()).length, before);
  });

  test('uploads go through media intake with the role allow-list; the attack corpus is refused', async () => {
    const id = await createItem(owner);
    const mediaBefore = (await t.services.db.selectFrom('media').select('id').execute()).length;
    const attacks: [string, { name: string; type: string; bytes: Buffer }, RegExp][] = [
      ['document', { name: 'study.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 a program') }, /This file is a program/],
      ['document', { name: 'study.pdf', type: 'application/pdf', bytes: zip() }, /archives/],
      ['image', { name: 'x.png', type: 'image/png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }, /SVG/],
      ['document', { name: 'study.pdf', type: 'application/pdf', bytes: await png() }, /cannot be used here/],
      ['document', { name: 'js.pdf', type: 'application/pdf', bytes: pdf('Hi', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ') }, /scripts or attached files/],
      ['cover', { name: '../../etc/passwd.jpg', type: 'image/jpeg', bytes: Buffer.concat([await png(), zip()]) }, /hides other content|different type/],
      ['document', { name: 'empty.pdf', type: 'application/pdf', bytes: Buffer.alloc(0) }, /empty/],
      ['video', { name: 'v.mp4', type: 'video/mp4', bytes: pdf('not a video') }, /cannot be used here/],
    ];
    for (const [role, file, message] of attacks) {
      const res = await t.request({ method: 'POST', url: `/library/items/${id}/files/${role}`, as: owner, ...multipart(file) });
      assert.equal(res.statusCode, role === 'video' ? 422 : 422, `${role} ${file.name}`);
      // A study takes no video: that is refused by the item's kind, after intake accepted a PDF.
      if (role !== 'video') assert.match(res.body, message, `${role} ${file.name}`);
    }
    assert.equal((await t.services.db.selectFrom('media').select('id').execute()).length, mediaBefore, 'nothing stored');
    assert.equal(await upload(owner, id, 'document', { name: 'scars.pdf', type: 'application/pdf', bytes: pdf('Keloid outcomes in revision surgery') }), 303);
    const gps = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#a07050' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'CameraCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 46/1 0/1' } })
      .toBuffer();
    assert.equal(await upload(owner, id, 'cover', { name: 'cover.jpg', type: 'image/jpeg', bytes: gps }), 303);
    const keys = await keysOf(id);
    assert.ok(keys.length > 3);
    for (const key of keys) assert.match(key, /\.p[a-z0-9]+$/, 'library media is stored private');
    const jpeg = keys.find((k) => k.endsWith('.pjpg'))!;
    const res = await t.request({ url: `/library/files/${jpeg}`, as: owner });
    assert.equal(res.statusCode, 200);
    assert.equal((await sharp(res.rawPayload).metadata()).exif, undefined, 'no EXIF (GPS) in what is served');
  });

  test('per-kind limits, and videos through ffmpeg served with ranges', async () => {
    const id = await createItem(owner, { title: 'Big PDF study' });
    const big = Buffer.concat([pdf('Big'), Buffer.alloc(1.5 * 1024 * 1024, 0x20)]);
    const res = await t.request({ method: 'POST', url: `/library/items/${id}/files/document`, as: owner, ...multipart({ name: 'big.pdf', type: 'application/pdf', bytes: big }) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /too large/);
    const vid = await createItem(owner, { kind: 'video', title: 'Necklift technique video' });
    const dir = await mkdtemp(join(tmpdir(), 'library-video-'));
    try {
      assert.equal(await upload(owner, vid, 'video', { name: 'technique.mp4', type: 'video/mp4', bytes: video(dir, 'mp4') }, 'Technique'), 303);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await publish(vid);
    const key = (await keysOf(vid)).find((k) => k.endsWith('.pmp4'))!;
    const part = await t.request({ url: `/library/files/${key}`, headers: { range: 'bytes=0-99' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.rawPayload.length, 100);
    const slug = (await t.services.db.selectFrom('library_items').select('slug').where('id', '=', vid).executeTakeFirstOrThrow()).slug;
    const page = await t.request({ url: `/library/${slug}` });
    assert.match(page.body, new RegExp(`<source src="/library/files/${key}" type="video/mp4"`));
    const ld = JSON.parse(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(page.body)![1]!);
    assert.equal(ld['@type'], 'VideoObject');
    assert.match(ld.duration, /^PT0M2S$/);
  });

  test('drafts and their files are private: another professional, a member and a visitor get 404', async () => {
    const id = await createItem(owner, { title: 'Private draft study' });
    assert.equal(await upload(owner, id, 'document', { name: 'draft.pdf', type: 'application/pdf', bytes: pdf('Draft text') }), 303);
    const keys = await keysOf(id);
    const member = await t.signIn(['member']);
    const slug = (await t.services.db.selectFrom('library_items').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    for (const as of [other, member, undefined]) {
      const who = as ? { as } : {};
      for (const url of [`/library/items/${id}`, `/library/items/${id}/edit`, `/library/items/${id}/history`, `/library/${slug}`, ...keys.map((k) => `/library/files/${k}`), `/library/placeholder/${keys[0]!.slice(0, 16)}`]) {
        const res = await t.request({ url, ...who });
        // Another professional learns nothing (404); a member has no library rights (403); a visitor is sent to sign in.
        assert.ok(as === other ? res.statusCode === 404 : [404, 403, 303, 401].includes(res.statusCode), `${url} as ${as ?? 'visitor'}: ${res.statusCode}`);
      }
      // Nor by the public media route, whatever the key.
      for (const k of keys) assert.equal((await t.request({ url: `/media/${k}`, ...who })).statusCode, 404);
    }
    for (const [url, fields] of [
      [`/library/items/${id}/submit`, {}],
      [`/library/items/${id}/edit`, { kind: 'study', locale: 'en', title: 'Hijack', summary: 'A summary long enough.' }],
      [`/library/items/${id}/nudity`, { nudity: '1' }],
    ] as const) {
      const res = await t.request({ method: 'POST', url, as: other, ...form(fields) });
      assert.equal(res.statusCode, 404, url);
    }
    assert.equal((await t.services.db.selectFrom('library_items').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title, 'Private draft study');
    // The owner reaches the file, never cached.
    const own = await t.request({ url: `/library/files/${keys.find((k) => k.endsWith('.ppdf'))!}`, as: owner });
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['cache-control'], 'private, no-store');
  });

  test('workflow: submit needs the file; an editor returns with an emailed reason, then publishes; feed, sitemap, JSON-LD', async () => {
    const id = await createItem(owner, { title: 'Necklift recovery times' });
    const noFile = await t.request({ method: 'POST', url: `/library/items/${id}/submit`, as: owner });
    assert.equal(noFile.statusCode, 422);
    assert.equal(await upload(owner, id, 'document', { name: 'neck.pdf', type: 'application/pdf', bytes: pdf('Platysma banding resolved') }), 303);
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/submit`, as: owner })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `/admin/library/${id}/publish`, as: other })).statusCode, 403, 'professionals do not review');
    const queue = await t.request({ url: '/admin/library', as: editor });
    assert.match(queue.body, /Necklift recovery times/);
    const noReason = await t.request({ method: 'POST', url: `/admin/library/${id}/return`, as: editor, ...form({ reason: '' }) });
    assert.equal(noReason.statusCode, 422);
    assert.equal((await t.request({ method: 'POST', url: `/admin/library/${id}/return`, as: editor, ...form({ reason: 'Please add the consent statement.' }) })).statusCode, 303);
    const mail = await t.services.db.selectFrom('mail_messages').selectAll().where('to_address', '=', 'dana-reyes@example.test').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.match(mail.subject, /needs changes/);
    assert.match(mail.text, /Please add the consent statement\./);
    assert.match((await t.request({ url: `/library/items/${id}`, as: owner })).body, /Please add the consent statement\./);
    await publish(id);
    const item = await t.services.db.selectFrom('library_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(item.status, 'published');
    assert.equal(item.revision, 1);
    const page = await t.request({ url: `/library/${item.slug}` });
    assert.equal(page.statusCode, 200);
    const ld = JSON.parse(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(page.body)![1]!);
    assert.equal(ld['@type'], 'ScholarlyArticle');
    assert.equal(ld.headline, 'Necklift recovery times');
    assert.deepEqual(ld.citation, ['https://doi.org/10.1000/xyz123']);
    assert.match(page.body, /<meta property="og:type" content="article"/);
    assert.match(page.body, new RegExp(`<link rel="canonical" href="http://localhost:3000/library/${item.slug}"`));
    assert.match(page.body, /href="https:\/\/doi\.org\/10\.1000\/xyz123"/);
    const pdfKey = (await keysOf(id)).find((k) => k.endsWith('.ppdf'))!;
    const file = await t.request({ url: `/library/files/${pdfKey}` });
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['cache-control']), /^public/);
    const feed = await t.request({ url: '/library/feed.xml' });
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /<title>Necklift recovery times<\/title>/);
    assert.match(feed.body, /<author><name>Test User/);
    assert.match((await t.request({ url: '/sitemap.xml' })).body, new RegExp(`/library/${item.slug}<`));
    const index = await t.request({ url: '/library?kind=study&procedure=scar-revision&author=dana-reyes' });
    assert.match(index.body, /Necklift recovery times/);
    assert.doesNotMatch((await t.request({ url: '/library?kind=video' })).body, /Necklift recovery times/);
    assert.match((await t.request({ url: '/authors/dana-reyes' })).body, /Necklift recovery times/);
    assert.match((await t.request({ url: '/professionals/dana-reyes' })).body, /href="\/authors\/dana-reyes"/, 'the profile links to the publications');
    const doc = await libraryService(t.services).searchDocument(id);
    assert.ok(doc);
    assert.match(doc.body, /Platysma banding resolved/, 'the PDF text is in the search document');
    assert.equal(doc.url, `/library/${item.slug}`);
    assert.deepEqual(doc.facets.procedure, ['scar-revision']);
    // Published, it is found by the site search, PDF text included.
    const found = await t.request({ url: '/search?q=platysma' });
    assert.match(found.body, new RegExp(`href="/library/${item.slug}"`));
  });

  test('revisions: saving a published item adds one; diff and restore', async () => {
    const id = await createItem(owner, { title: 'Revision test study' });
    await upload(owner, id, 'document', { name: 'r.pdf', type: 'application/pdf', bytes: pdf('R') });
    await publish(id);
    const edit = await t.request({ method: 'POST', url: `/library/items/${id}/edit`, as: owner, ...form({ kind: 'study', locale: 'en', title: 'Revision test study', summary: 'A study of scar outcomes in 120 patients.', body: 'We followed patients for three years.', procedures: ['scar-revision'], change_summary: 'Longer follow-up' }) });
    assert.equal(edit.statusCode, 303, edit.body);
    const history = await t.request({ url: `/library/items/${id}/history` });
    assert.match(history.body, /Longer follow-up/);
    const diff = await t.request({ url: `/library/items/${id}/diff?from=1&to=2` });
    assert.match(diff.body, /<del>.*two.*<\/del>/s);
    assert.match(diff.body, /<ins>.*three.*<\/ins>/s);
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/revisions/1/restore`, as: other })).statusCode, 404, 'only the author or an editor restores');
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/revisions/1/restore`, as: owner })).statusCode, 303);
    const item = await t.services.db.selectFrom('library_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(item.revision, 3);
    assert.match(item.body_md, /two years/);
  });

  test('revisions keep authors, references, procedures and files; the diff lists their changes and restore brings them back', async () => {
    const id = await createItem(owner, { title: 'Whole revision study', coauthors: 'omar-haddad', external_authors: 'Ana Ruiz' });
    assert.equal(await upload(owner, id, 'document', { name: 'whole.pdf', type: 'application/pdf', bytes: pdf('Whole') }), 303);
    assert.equal(await upload(owner, id, 'cover', { name: 'cover.png', type: 'image/png', bytes: await png() }, 'Old cover'), 303);
    await publish(id);
    const coverMedia = (await t.services.db.selectFrom('library_files').select(['id', 'media_id']).where('item_id', '=', id).where('role', '=', 'cover').executeTakeFirstOrThrow());
    const omar = (await t.services.db.selectFrom('users').select('name').where('email', '=', 'omar-haddad@example.test').executeTakeFirstOrThrow()).name;

    // Revision 2: other authors, references and no procedure; 3: the cover removed; 4: a new cover.
    const edit = await t.request({
      method: 'POST',
      url: `/library/items/${id}/edit`,
      as: owner,
      ...form({ kind: 'study', locale: 'en', title: 'Whole revision study', summary: 'A study of scar outcomes in 120 patients.', body: 'We followed patients for two years.', external_authors: 'Lee Chan', references: 'Jones K. Scars. 2021 pmid:12345678', change_summary: 'New authors and sources' }),
    });
    assert.equal(edit.statusCode, 303, edit.body);
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/files/${coverMedia.id}/delete`, as: owner })).statusCode, 303);
    assert.equal(await upload(owner, id, 'cover', { name: 'new-cover.png', type: 'image/png', bytes: await png() }, 'New cover'), 303);

    const history = await t.request({ url: `/library/items/${id}/history` });
    for (const what of ['Published', 'Edited: New authors and sources', 'Removed a file', 'Added a file']) assert.ok(history.body.includes(what), what);
    const diff = await t.request({ url: `/library/items/${id}/diff?from=1&to=4` });
    const removed = [...diff.body.matchAll(/<del>.*?<span>(.*?)<\/span>.*?<\/del>/gs)].map((m) => m[1]);
    const added = [...diff.body.matchAll(/<ins>.*?<span>(.*?)<\/span>.*?<\/ins>/gs)].map((m) => m[1]);
    for (const label of [omar, 'Ana Ruiz', 'Smith J. Scars. 2020 · doi:10.1000/xyz123', 'scar-revision', 'Old cover']) assert.ok(removed.includes(label), `removed ${label}: ${removed.join(' | ')}`);
    for (const label of ['Lee Chan', 'Jones K. Scars. 2021 · PMID 12345678', 'New cover']) assert.ok(added.includes(label), `added ${label}: ${added.join(' | ')}`);

    // A snapshot names Sutura authors by account only, so erasure leaves no name in the history.
    const snapshots = await t.services.db.selectFrom('library_revisions').select('snapshot').where('item_id', '=', id).execute();
    for (const r of snapshots) assert.ok(!JSON.stringify(r.snapshot).includes(omar));

    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/revisions/1/restore`, as: owner })).statusCode, 303);
    const restored = await libraryService(t.services).forActor(null, id);
    assert.equal(restored.revision, 5);
    assert.deepEqual(restored.authors.slice(1).map((a) => a.name), [omar, 'Ana Ruiz']);
    assert.equal(restored.authors[0]!.userId, ownerId);
    assert.deepEqual(restored.references, [{ label: 'Smith J. Scars. 2020', doi: '10.1000/xyz123' }]);
    assert.deepEqual(restored.procedures, ['scar-revision']);
    assert.deepEqual(restored.files.map((f) => [f.role, f.alt, f.mediaId === coverMedia.media_id]), [['document', 'A figure', false], ['cover', 'Old cover', true]]);
    const back = await t.request({ url: `/library/items/${id}/history` });
    assert.match(back.body, /Restored revision 1/);
    // The old cover is served again, the replaced one no longer is.
    const page = await t.request({ url: `/library/${restored.slug}` });
    assert.match(page.body, /alt="Old cover"/);
    assert.doesNotMatch(page.body, /alt="New cover"/);
    const same = await t.request({ url: `/library/items/${id}/diff?from=1&to=5` });
    assert.match(same.body, /Nothing changed between these two revisions/);
  });

  test('a file taken off a draft goes with its bytes; one taken off a published item stays for its history', async () => {
    const id = await createItem(owner, { title: 'File removal study' });
    assert.equal(await upload(owner, id, 'cover', { name: 'draft-cover.png', type: 'image/png', bytes: await png() }, 'Draft cover'), 303);
    const draftKeys = await keysOf(id);
    const draftFile = await t.services.db.selectFrom('library_files').select(['id', 'media_id']).where('item_id', '=', id).executeTakeFirstOrThrow();
    assert.ok(draftKeys.length > 0);
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/files/${draftFile.id}/delete`, as: owner })).statusCode, 303);
    assert.equal(await t.services.db.selectFrom('media').select('id').where('id', '=', draftFile.media_id).executeTakeFirst(), undefined);
    for (const key of draftKeys) assert.equal(await t.services.storage.size(key), null, key);

    assert.equal(await upload(owner, id, 'document', { name: 'removal.pdf', type: 'application/pdf', bytes: pdf('Removal') }), 303);
    assert.equal(await upload(owner, id, 'cover', { name: 'cover.png', type: 'image/png', bytes: await png() }, 'Published cover'), 303);
    await publish(id);
    const onlyPdf = await t.services.db.selectFrom('library_files').select('id').where('item_id', '=', id).where('role', '=', 'document').executeTakeFirstOrThrow();
    const refused = await t.request({ method: 'POST', url: `/library/items/${id}/files/${onlyPdf.id}/delete`, as: owner });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Upload the new file first/);
    const cover = await t.services.db.selectFrom('library_files').select(['id', 'media_id']).where('item_id', '=', id).where('role', '=', 'cover').executeTakeFirstOrThrow();
    const coverKeys = (await keysOf(id)).filter((k) => k.startsWith(cover.media_id));
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/files/${cover.id}/delete`, as: owner })).statusCode, 303);
    assert.ok(await t.services.db.selectFrom('media').select('id').where('id', '=', cover.media_id).executeTakeFirst());
    for (const key of coverKeys) {
      assert.ok((await t.services.storage.size(key)) !== null, key);
      assert.equal((await t.request({ url: `/library/files/${key}` })).statusCode, 404, 'no longer served');
    }
  });

  test('the owner deletes a draft with its files and bytes; a submitted or published item cannot be deleted', async () => {
    const id = await createItem(owner, { title: 'Draft to delete' });
    assert.equal(await upload(owner, id, 'document', { name: 'gone.pdf', type: 'application/pdf', bytes: pdf('Gone') }), 303);
    const keys = await keysOf(id);
    const mediaIds = (await t.services.db.selectFrom('library_files').select('media_id').where('item_id', '=', id).execute()).map((r) => r.media_id);
    assert.match((await t.request({ url: `/library/items/${id}`, as: owner })).body, /Delete the draft and its files/);
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/delete`, as: other })).statusCode, 404, 'only its owner');
    const res = await t.request({ method: 'POST', url: `/library/items/${id}/delete`, as: owner });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/library/mine?notice=deleted');
    assert.equal(await t.services.db.selectFrom('library_items').select('id').where('id', '=', id).executeTakeFirst(), undefined);
    assert.equal((await t.services.db.selectFrom('media').select('id').where('id', 'in', mediaIds).execute()).length, 0);
    for (const key of keys) assert.equal(await t.services.storage.size(key), null, key);
    assert.equal((await t.request({ url: `/library/items/${id}`, as: owner })).statusCode, 404);

    const submitted = await createItem(owner, { title: 'Submitted, not deletable' });
    await upload(owner, submitted, 'document', { name: 's.pdf', type: 'application/pdf', bytes: pdf('S') });
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${submitted}/submit`, as: owner })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${submitted}/delete`, as: owner })).statusCode, 409);
    assert.ok(await t.services.db.selectFrom('library_items').select('id').where('id', '=', submitted).executeTakeFirst());
  });

  test('submitting an item emails every reviewer, not the submitter', async () => {
    const id = await createItem(owner, { title: 'Queue notice study' });
    await upload(owner, id, 'document', { name: 'q.pdf', type: 'application/pdf', bytes: pdf('Q') });
    const before = new Date().toISOString();
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/submit`, as: owner })).statusCode, 303);
    const sent = await t.services.db.selectFrom('mail_messages').select(['to_address', 'template']).where('created_at', '>=', before).execute();
    const notices = sent.filter((m) => m.template === 'library.submitted').map((m) => m.to_address).sort();
    const reviewers = await t.services.db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').select('users.email').where('user_roles.role', 'in', ['editor', 'moderator']).execute();
    assert.ok(reviewers.length >= 2);
    assert.deepEqual(notices, reviewers.map((r) => r.email).sort());
    assert.ok(!notices.includes('dana-reyes@example.test'));
  });

  test('other professionals only suggest; the author accepts one and it becomes a revision', async () => {
    const id = await createItem(owner, { title: 'Suggestion test study' });
    await upload(owner, id, 'document', { name: 's.pdf', type: 'application/pdf', bytes: pdf('S') });
    await publish(id);
    const fields = { kind: 'study', locale: 'en', title: 'Suggestion test study', summary: 'A study of scar outcomes in 120 patients.', body: 'Hijacked.' };
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/edit`, as: other, ...form(fields) })).statusCode, 404);
    const suggest = await t.request({ method: 'POST', url: `/library/items/${id}/suggest`, as: other, ...form({ title: fields.title, summary: fields.summary, body: 'We followed 120 patients for two years.', note: 'Add the sample size' }) });
    assert.equal(suggest.statusCode, 303);
    const mailTo = async (address: string, template: string) =>
      (await t.services.db.selectFrom('mail_messages').select('id').where('to_address', '=', address).where('template', '=', template).execute()).length;
    assert.equal(await mailTo('dana-reyes@example.test', 'library.suggestion_received'), 1, 'the author is told');
    assert.equal((await t.request({ url: `/library/items/${id}/suggestions`, as: other })).statusCode, 404, 'the suggester cannot decide');
    const list = await t.request({ url: `/library/items/${id}/suggestions`, as: owner });
    assert.match(list.body, /Add the sample size/);
    const sid = /suggestions\/([^"]+)"/.exec(list.body)![1]!;
    assert.equal((await t.request({ method: 'POST', url: `/library/items/${id}/suggestions/${sid}`, as: owner, ...form({ decision: 'accept' }) })).statusCode, 303);
    const item = await t.services.db.selectFrom('library_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(item.body_md, 'We followed 120 patients for two years.');
    assert.equal(item.revision, 2);
    assert.equal(await mailTo('omar-haddad@example.test', 'library.suggestion_decided'), 1, 'the suggester is told');
  });

  test('photo sets marked as nudity start blurred for visitors; people who chose so see them', async () => {
    const id = await createItem(owner, { kind: 'photo_set', title: 'Abdominoplasty photo set', nudity: '1', references: '' });
    const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#d09080' } }).jpeg().toBuffer();
    assert.equal(await upload(owner, id, 'image', { name: 'before.jpg', type: 'image/jpeg', bytes: photo }, 'Abdomen before surgery'), 303);
    await publish(id);
    const slug = (await t.services.db.selectFrom('library_items').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    const page = await t.request({ url: `/library/${slug}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<button type="button" class="button secondary small reveal-button" data-reveal="sensitive-/);
    assert.match(page.body, /<template><picture>/);
    assert.match(page.body, /\/assets\/js\/library\.[a-f0-9]+\.js/);
    const placeholder = /src="(\/library\/placeholder\/[^"]+)"/.exec(page.body)![1]!;
    const ph = await t.request({ url: placeholder });
    assert.equal(ph.statusCode, 200);
    assert.equal(ph.headers['content-type'], 'image/webp');
    assert.match(JSON.parse(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(page.body)![1]!)['@type'], /ImageGallery/);
    const adult = await t.signIn(['member'], 'reveals@example.test');
    await t.services.db.updateTable('users').set({ reveal_sensitive_media: true }).where('email', '=', 'reveals@example.test').execute();
    const shown = await t.request({ url: `/library/${slug}`, as: adult });
    assert.doesNotMatch(shown.body, /reveal-button/);
    assert.match(shown.body, /alt="Abdomen before surgery"/);
  });

  test('removal is for moderators only and leaves a 410 tombstone with the title and reason', async () => {
    const id = await createItem(owner, { title: 'To be removed' });
    await upload(owner, id, 'document', { name: 'x.pdf', type: 'application/pdf', bytes: pdf('X') });
    await publish(id);
    const published = (await t.services.db.selectFrom('library_items').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    assert.match((await t.request({ url: '/search?q=removed' })).body, new RegExp(`href="/library/${published}"`), 'published, it is found');
    const keys = await keysOf(id);
    assert.equal((await t.request({ method: 'POST', url: `/admin/library/${id}/remove`, as: editor, ...form({ reason: 'copyright' }) })).statusCode, 403);
    assert.equal((await t.request({ method: 'POST', url: `/admin/library/${id}/remove`, as: moderator, ...form({ reason: 'nonsense' }) })).statusCode, 422);
    assert.equal((await t.request({ method: 'POST', url: `/admin/library/${id}/remove`, as: moderator, ...form({ reason: 'copyright' }) })).statusCode, 303);
    const slug = (await t.services.db.selectFrom('library_items').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    const page = await t.request({ url: `/library/${slug}` });
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /To be removed/);
    assert.match(page.body, /copyright complaint/);
    for (const k of keys) assert.equal((await t.request({ url: `/library/files/${k}` })).statusCode, 404);
    assert.doesNotMatch((await t.request({ url: '/library/feed.xml' })).body, /To be removed/);
    assert.equal(await libraryService(t.services).searchDocument(id), null);
    assert.doesNotMatch((await t.request({ url: '/search?q=removed' })).body, new RegExp(`href="/library/${published}"`), 'a removed item leaves the search');
  });
});
