import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { verifyAuditChain } from '../../core/audit/index.js';
import { readJson } from '../../core/db/portable.js';
import { Worker } from '../../core/jobs/index.js';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp.js';
import { guideService } from '../procedures/index.js';

const brochure = (title: string): string => `${title.toUpperCase()}

WHAT IS IT?

This procedure changes the shape of the face. It does not stop aging.

RECOVERY

Most people go back to work after two weeks.
`;

/** A browser's multipart body: fields (repeated for arrays) and at most one file, `photo`. */
function multipart(fields: Record<string, string | string[]>, file?: { name: string; type: string; bytes: Buffer }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----sutura-consultation';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
  }
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function publishGuide(t: TestApp, slug: string, title: string, locale: 'en' | 'es' = 'en'): Promise<void> {
  const guides = guideService(t.services);
  const { guideId } = await guides.importDraft(null, { text: brochure(title), locale, category: 'face', slug });
  await guides.setStatus(null, guideId, 'published');
}

/** A small photo with EXIF that must not survive (a GPS-like comment and a camera owner). */
function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c08070' } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'EXIF-OWNER-MARKER', ImageDescription: 'taken at 40.7128N 74.0060W' } })
    .toBuffer();
}

const valid = {
  name: 'Marta Ruiz',
  email: 'Marta@Example.test',
  phone: '+1 555 010 0199',
  method: 'phone',
  times: ['mornings', 'evenings'],
  procedures: 'facelift-test',
  message: 'I have a scar on my left cheek from an accident.',
  consent: 'yes',
  website: '',
};

describe('consultation requests', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: Worker;
  let moderator: string;
  let admin: string;

  const count = async (table: 'consultation_requests' | 'mail_messages' | 'consultation_notes'): Promise<number> =>
    (await t.services.db.selectFrom(table).select('id').execute()).length;
  const audits = async (action: string): Promise<{ actor_id: string | null; target_id: string | null; change: unknown }[]> =>
    t.services.db.selectFrom('audit_events').select(['actor_id', 'target_id', 'change']).where('action', '=', action).execute();

  before(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ SMTP_URL: sink.url });
    worker = new Worker({ db: t.services.db, queue: t.services.jobs, log: t.app.log });
    await publishGuide(t, 'facelift-test', 'Facelift');
    await publishGuide(t, 'facelift-test', 'Estiramiento facial', 'es');
    await publishGuide(t, 'necklift-test', 'Necklift');
    moderator = await t.signIn(['moderator'], 'mod@example.test');
    admin = await t.signIn(['admin'], 'boss@example.test');
    await t.signIn(['editor'], 'editor@example.test');
  });
  after(async () => {
    await t.close();
    await sink.close();
  });

  test('the page lists the published guides; a guide\'s link ticks its procedure', async () => {
    const plain = await t.request({ url: '/consultation' });
    assert.equal(plain.statusCode, 200);
    assert.match(plain.body, /<legend>Procedures you are interested in<\/legend>/);
    assert.match(plain.body, /enctype="multipart\/form-data"/);
    assert.match(plain.body, /value="necklift-test"/);
    assert.doesNotMatch(plain.body, / checked/);

    const ticked = await t.request({ url: '/consultation?procedure=facelift-test' });
    assert.match(ticked.body, /name="procedures" value="facelift-test" checked/);
    assert.doesNotMatch(ticked.body, /value="necklift-test" checked/);

    const odd = await t.request({ url: '/consultation?procedure=%3Cscript%3E' });
    assert.equal(odd.statusCode, 200);
    assert.doesNotMatch(odd.body, / checked/);

    const spanish = await t.request({ url: '/es/consultation?procedure=facelift-test' });
    assert.match(spanish.body, /Estiramiento facial/i);
    assert.match(spanish.body, /value="facelift-test" checked/);
    assert.match(spanish.body, /href="\/es\/privacy"/);
  });

  test('bad input returns the form (422) with messages and the person\'s answers; nothing is stored', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/consultation',
      remoteAddress: '198.51.100.10',
      ...form({ name: '', email: 'nope', method: 'phone', phone: '', times: ['mornings', 'noon'], procedures: 'necklift-test', message: 'Kept text' }),
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /href="#field-name"/);
    assert.match(res.body, /This field is required/);
    assert.match(res.body, /Enter an email address/);
    assert.match(res.body, /Add a phone number, or choose to be contacted by email/);
    assert.match(res.body, /Tick the box to agree to the privacy policy/);
    assert.match(res.body, />Kept text<\/textarea>/);
    assert.match(res.body, /value="necklift-test" checked/);
    assert.match(res.body, /name="method" value="phone" checked/);
    assert.equal(await count('consultation_requests'), 0);
    assert.equal(await count('mail_messages'), 0);

    const unknown = await t.request({ method: 'POST', url: '/consultation', remoteAddress: '198.51.100.10', ...form({ ...valid, procedures: 'not-a-guide' }) });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Choose procedures from the list/);
    assert.equal(await count('consultation_requests'), 0);

    const empty = await t.request({ method: 'POST', url: '/consultation', remoteAddress: '198.51.100.10' });
    assert.equal(empty.statusCode, 422);
  });

  test('a file that is not a photo (or is an SVG) is refused with a message; nothing is stored', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    for (const file of [
      { name: 'me.jpg', type: 'image/jpeg', bytes: Buffer.from('MZ\x90\x00 this is an executable, not a photo') },
      { name: 'me.png', type: 'image/png', bytes: svg },
      { name: 'me.svg', type: 'image/svg+xml', bytes: svg },
    ]) {
      const res = await t.request({ method: 'POST', url: '/consultation', remoteAddress: '198.51.100.11', ...multipart(valid, file) });
      assert.equal(res.statusCode, 422, file.name);
      assert.match(res.body, /This file is not a photo we accept/);
      assert.match(res.body, /I have a scar on my left cheek/);
      assert.doesNotMatch(res.body, /alert\(1\)/);
    }
    // Over the size limit: refused as too large, and the fields after the file are still read.
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(11 * 1024 * 1024)]);
    const { consent: _c, ...beforeFile } = valid;
    const big = multipart(beforeFile, { name: 'big.jpg', type: 'image/jpeg', bytes: huge });
    big.payload = Buffer.concat([big.payload.subarray(0, big.payload.lastIndexOf('------sutura-consultation--')), Buffer.from('------sutura-consultation\r\nContent-Disposition: form-data; name="consent"\r\n\r\nyes\r\n------sutura-consultation--\r\n')]);
    const tooBig = await t.request({ method: 'POST', url: '/consultation', remoteAddress: '198.51.100.11', ...big });
    assert.equal(tooBig.statusCode, 422);
    assert.match(tooBig.body, /This photo is too large/);
    assert.doesNotMatch(tooBig.body, /Tick the box to agree/);
    assert.equal(await count('consultation_requests'), 0);
    assert.equal(await count('mail_messages'), 0);
  });

  test('a filled honeypot gets the same thanks, and nothing is stored or sent', async () => {
    const res = await t.request({ method: 'POST', url: '/consultation', remoteAddress: '198.51.100.12', ...form({ ...valid, website: 'http://spam.example' }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/consultation?sent=1');
    assert.equal(await count('consultation_requests'), 0);
    assert.equal(await count('mail_messages'), 0);
  });

  let requestId = '';
  let cleanPhoto: Buffer;

  test('a request is stored sealed; the requester and the handling staff are emailed without medical details', async () => {
    const original = await photoWithExif();
    const res = await t.request({ method: 'POST', url: '/es/consultation', remoteAddress: '198.51.100.13', ...multipart(valid, { name: 'cara.jpg', type: 'image/jpeg', bytes: original }) });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/es/consultation?sent=1');
    assert.match((await t.request({ url: '/es/consultation?sent=1' })).body, /Gracias. Su solicitud nos llegó/);

    const row = await t.services.db.selectFrom('consultation_requests').selectAll().executeTakeFirstOrThrow();
    requestId = row.id;
    assert.equal(row.email, 'marta@example.test');
    assert.equal(row.locale, 'es');
    assert.equal(row.status, 'new');
    assert.deepEqual(readJson(row.procedures), ['facelift-test']);
    assert.deepEqual(readJson(row.preferred_times), ['mornings', 'evenings']);
    assert.match(row.message_sealed, /^v1\./);
    assert.doesNotMatch(row.message_sealed, /scar|cheek/);
    assert.equal(t.services.cipher.decryptText(row.message_sealed, `consultation_requests.message:${row.id}`), valid.message);
    // Bound to its row: the same ciphertext does not open as another request's message.
    assert.throws(() => t.services.cipher.decryptText(row.message_sealed, 'consultation_requests.message:other'));

    // The photo: sealed in storage, never reachable through the public media route.
    assert.ok(row.photo_key);
    const file = await t.services.storage.open(row.photo_key);
    assert.ok(file);
    const chunks: Buffer[] = [];
    for await (const c of file.stream) chunks.push(c as Buffer);
    const stored = Buffer.concat(chunks);
    assert.equal(stored.indexOf(Buffer.from([0xff, 0xd8, 0xff])), -1, 'no JPEG in storage');
    cleanPhoto = t.services.cipher.decrypt(stored.toString('utf8'), `consultation_requests.photo:${row.id}`);
    assert.equal((await t.request({ url: `/media/${row.photo_key}` })).statusCode, 404);
    const meta = await sharp(cleanPhoto).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined, 'EXIF stripped');
    assert.equal(cleanPhoto.indexOf('EXIF-OWNER-MARKER'), -1);

    const received = await audits('consultation.received');
    assert.equal(received.length, 1);
    assert.doesNotMatch(JSON.stringify(received), /scar|facelift|marta/i);

    // Over real SMTP: the confirmation (Spanish) and one notice per handler (moderator, admin), not the editor.
    await worker.drain();
    await sink.waitFor(3);
    const byTo = new Map(sink.messages.map((m) => [m.to && !Array.isArray(m.to) ? m.to.text : '', m]));
    assert.deepEqual([...byTo.keys()].sort(), ['boss@example.test', 'marta@example.test', 'mod@example.test']);
    const confirmation = byTo.get('marta@example.test');
    assert.match(confirmation?.subject ?? '', /Recibimos su solicitud de consulta/);
    assert.match(confirmation?.text ?? '', /Hola, Marta Ruiz/);
    const notice = byTo.get('mod@example.test');
    assert.match(notice?.subject ?? '', /New consultation request/);
    assert.match(notice?.text ?? '', new RegExp(`http://localhost:3000/admin/consultations/${requestId}`));
    for (const m of sink.messages) {
      const all = `${m.subject}\n${m.text}\n${m.html || ''}`;
      assert.doesNotMatch(all, /scar|cheek|accident/i, 'no message text in email');
      assert.doesNotMatch(all, /facelift|estiramiento/i, 'no procedure in email');
      assert.equal(m.attachments.length, 0, 'no photo in email');
    }
    assert.doesNotMatch(notice?.text ?? '', /Marta/, 'staff notice carries only a link');
  });

  test('the inbox and its requests are refused to visitors and to staff the policy does not name', async () => {
    const editor = await t.signIn(['editor']);
    const member = await t.signIn(['member']);
    for (const url of ['/admin/consultations', `/admin/consultations/${requestId}`, `/admin/consultations/${requestId}/photo`]) {
      assert.equal((await t.request({ url, headers: { accept: 'application/json' } })).statusCode, 401, url);
      assert.equal((await t.request({ url, as: editor })).statusCode, 403, url);
      assert.equal((await t.request({ url, as: member })).statusCode, 403, url);
    }
    assert.equal((await t.request({ method: 'POST', url: `/admin/consultations/${requestId}/status`, as: editor, ...form({ status: 'closed' }) })).statusCode, 403);
    assert.equal(await (await audits('consultation.viewed')).length, 0);
  });

  test('staff see the list without messages; each opening of a request and of its photo is audited', async () => {
    const list = await t.request({ url: '/admin/consultations', as: moderator });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Marta Ruiz/);
    assert.match(list.body, /Facelift/);
    assert.match(list.body, /By phone/);
    assert.doesNotMatch(list.body, /scar on my left cheek/);

    const detail = await t.request({ url: `/admin/consultations/${requestId}`, as: moderator });
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /I have a scar on my left cheek from an accident\./);
    assert.match(detail.body, new RegExp(`<img src="/admin/consultations/${requestId}/photo"`));
    assert.match(detail.body, /Mornings, Evenings/);
    assert.match(detail.headers['cache-control'] as string, /no-store/);
    const modId = (await t.services.db.selectFrom('users').select('id').where('email', '=', 'mod@example.test').executeTakeFirstOrThrow()).id;
    const viewed = await audits('consultation.viewed');
    assert.equal(viewed.length, 1);
    assert.equal(viewed[0]?.actor_id, modId);
    assert.equal(viewed[0]?.target_id, requestId);

    const photo = await t.request({ url: `/admin/consultations/${requestId}/photo`, as: admin });
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
    assert.equal(photo.headers['cache-control'], 'no-store');
    assert.ok(photo.rawPayload.equals(cleanPhoto));
    assert.equal((await audits('consultation.photo_viewed')).length, 1);
    assert.equal((await t.request({ url: '/admin/consultations/nope/photo', as: admin })).statusCode, 404);
  });

  test('staff set the status, assign, and keep sealed internal notes', async () => {
    const modId = (await t.services.db.selectFrom('users').select('id').where('email', '=', 'mod@example.test').executeTakeFirstOrThrow()).id;
    const editorId = (await t.services.db.selectFrom('users').select('id').where('email', '=', 'editor@example.test').executeTakeFirstOrThrow()).id;
    const base = `/admin/consultations/${requestId}`;
    assert.equal((await t.request({ method: 'POST', url: `${base}/status`, as: moderator, ...form({ status: 'scheduled' }) })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `${base}/status`, as: moderator, ...form({ status: 'lost' }) })).statusCode, 422);
    assert.equal((await t.request({ method: 'POST', url: `${base}/assign`, as: moderator, ...form({ assignee: modId }) })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `${base}/assign`, as: moderator, ...form({ assignee: editorId }) })).statusCode, 422, 'editors do not handle consultations');
    assert.equal((await t.request({ method: 'POST', url: `${base}/note`, as: moderator, ...form({ body: '' }) })).statusCode, 422);
    assert.equal((await t.request({ method: 'POST', url: `${base}/note`, as: moderator, ...form({ body: 'Keloid history; Dr. Reyes to call.' }) })).statusCode, 303);

    const row = await t.services.db.selectFrom('consultation_requests').select(['status', 'assigned_to']).where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'scheduled');
    assert.equal(row.assigned_to, modId);
    const note = await t.services.db.selectFrom('consultation_notes').selectAll().executeTakeFirstOrThrow();
    assert.doesNotMatch(note.body_sealed, /Keloid|Reyes/);
    const page = await t.request({ url: `${base}?notice=noted`, as: moderator });
    assert.match(page.body, /Note added/);
    assert.match(page.body, /Keloid history; Dr. Reyes to call\./);
    assert.equal((await audits('consultation.updated')).length, 2);
    assert.equal((await audits('consultation.noted')).length, 1);
    assert.equal(await verifyAuditChain(t.services.db), null);
  });

  test('one address cannot flood the form', async () => {
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) {
      last = (await t.request({ method: 'POST', url: '/consultation', remoteAddress: '198.51.100.99', ...form({ name: 'A' }) })).statusCode;
    }
    assert.equal(last, 429);
  });
});

describe('consultation requests at rest', () => {
  const PHRASE = 'zebra-lantern-quasar rhinoplasty worry';

  /** Every byte under a directory, file by file. */
  function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
        return { path, bytes: readFileSync(path) };
      });
  }

  test('the database file, its WAL and the media directory hold no plaintext of the message or the photo', async () => {
    const t = await buildTestApp();
    let closed = false;
    try {
      await publishGuide(t, 'facelift-test', 'Facelift');
      const original = await photoWithExif();
      const res = await t.request({ method: 'POST', url: '/consultation', remoteAddress: '198.51.100.20', ...multipart({ ...valid, message: `Please read: ${PHRASE}.` }, { name: 'me.jpg', type: 'image/jpeg', bytes: original }) });
      assert.equal(res.statusCode, 303, res.body);
      const { id } = await t.services.db.selectFrom('consultation_requests').select('id').executeTakeFirstOrThrow();

      // It does open through the app, for staff.
      const moderator = await t.signIn(['moderator']);
      assert.match((await t.request({ url: `/admin/consultations/${id}`, as: moderator })).body, new RegExp(PHRASE));
      const photo = (await t.request({ url: `/admin/consultations/${id}/photo`, as: moderator })).rawPayload;
      assert.equal((await sharp(photo).metadata()).format, 'jpeg');

      const { config } = t.services;
      const media = filesUnder(join(config.dataDir, 'media'));
      assert.equal(media.length, 1, 'one sealed photo');
      const probes = [Buffer.from(PHRASE), Buffer.from('zebra-lantern'), original.subarray(0, 64), photo.subarray(0, 64), photo.subarray(-64), Buffer.from('EXIF-OWNER-MARKER')];
      const checkNoPlaintext = (label: string, bytes: Buffer): void => {
        for (const probe of probes) assert.equal(bytes.indexOf(probe), -1, `${label} holds plaintext (${probe.subarray(0, 12).toString('hex')})`);
      };
      for (const f of media) checkNoPlaintext(f.path, f.bytes);

      if (config.database.kind === 'sqlite') {
        const file = config.database.file;
        // While open, recent pages sit in the WAL: both files are read as they are on disk.
        assert.ok(existsSync(`${file}-wal`), 'WAL mode');
        const [main, wal] = [readFileSync(file), readFileSync(`${file}-wal`)];
        // The probe can see: the name (contact details, not sealed) is there in plain bytes.
        assert.ok(Buffer.concat([main, wal]).includes(Buffer.from(valid.name)), 'the files read are the database');
        checkNoPlaintext('database (open)', main);
        checkNoPlaintext('WAL', wal);
        await t.close();
        closed = true;
        // Closing checkpoints the WAL into the main file.
        checkNoPlaintext('database (closed)', readFileSync(file));
        if (existsSync(`${file}-wal`)) checkNoPlaintext('WAL (closed)', readFileSync(`${file}-wal`));
      } else {
        const row = await t.services.db.selectFrom('consultation_requests').selectAll().executeTakeFirstOrThrow();
        checkNoPlaintext('row', Buffer.from(JSON.stringify(row)));
      }
    } finally {
      if (!closed) await t.close();
    }
  });
});
