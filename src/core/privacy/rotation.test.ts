import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { ConsultationService, sealedAt as consultationSealedAt } from '../../features/consultations/service.js';
import { sealedAt as totpSealedAt, TwoFactorService } from '../../features/two-factor/service.js';
import { FieldCipher, generateDataKey, parseDataKeys } from '../crypto/index.js';
import { totpCode, totpStep } from '../auth/totp.js';
import { readObject } from '../media/storage.js';
import { resealAll } from './rotation.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ DATA_KEYS: generateDataKey('old') });
});
after(() => t.close());

async function fileText(key: string): Promise<string> {
  return (await readObject(t.services.storage, key))!.toString('utf8');
}

test('key rotation re-seals every sealed value and file the registry lists, and only once', async () => {
  const { db } = t.services;
  // Sealed data of three kinds: a consultation (message, photo, staff note) and a TOTP secret.
  const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a08070' } }).jpeg().toBuffer();
  const consultations = new ConsultationService(t.services);
  const requestId = await consultations.submit({ name: 'Rae', email: 'rae@example.test', phone: null, preferredMethod: 'email', preferredTimes: [], procedures: [], message: 'My scar itches at night.' }, photo, 'en');
  await t.signIn(['moderator'], 'mod@example.test');
  const moderator = await db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', 'mod@example.test').executeTakeFirstOrThrow();
  const actor = { ...moderator, roles: ['moderator' as const], sessionId: 'test', revealSensitiveMedia: false };
  await consultations.addNote(actor, requestId, 'Called back; wants an appointment.');
  const twoFactor = new TwoFactorService(t.services);
  const setup = await twoFactor.beginSetup(actor);
  assert.ok(await twoFactor.confirmSetup(actor, totpCode(setup.secret.replace(/ /g, ''), totpStep())));

  const [oldKey] = t.services.config.dataKeys!;
  const [newKey] = parseDataKeys(generateDataKey('new'));
  const report = await resealAll(db, new FieldCipher([newKey!, oldKey!]), t.services.storage, 1);
  assert.deepEqual(report, { values: 3, files: 1 });
  assert.deepEqual(await resealAll(db, new FieldCipher([newKey!, oldKey!]), t.services.storage), { values: 0, files: 0 }, 'a second run finds nothing to do');

  // Only the new key is needed now, and every value opens in its own place.
  const onlyNew = new FieldCipher([newKey!]);
  const request = await db.selectFrom('consultation_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  assert.match(request.message_sealed, /^v1\.new\./);
  assert.equal(onlyNew.decryptText(request.message_sealed, consultationSealedAt.message(requestId)), 'My scar itches at night.');
  assert.deepEqual(onlyNew.decrypt(await fileText(request.photo_key!), consultationSealedAt.photo(requestId)).subarray(0, 2), Buffer.from([0xff, 0xd8]));
  const note = await db.selectFrom('consultation_notes').selectAll().executeTakeFirstOrThrow();
  assert.equal(onlyNew.decryptText(note.body_sealed, consultationSealedAt.note(note.id)), 'Called back; wants an appointment.');
  const totp = await db.selectFrom('user_totp').selectAll().where('user_id', '=', actor.id).executeTakeFirstOrThrow();
  assert.equal(onlyNew.decryptText(totp.secret_sealed!, totpSealedAt.secret(actor.id)), setup.secret.replace(/ /g, ''));
});
