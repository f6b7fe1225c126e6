import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecryptionError, FieldCipher, generateDataKey, parseDataKeys } from './index.js';

const [oldKey, newKey] = [generateDataKey('k2025'), generateDataKey('k2026')];

test('values round-trip, and each encryption looks different', () => {
  const cipher = new FieldCipher(parseDataKeys(newKey));
  const a = cipher.encrypt('I would like a consultation about my neck.', 'consultations.message:abc');
  const b = cipher.encrypt('I would like a consultation about my neck.', 'consultations.message:abc');
  assert.notEqual(a, b);
  assert.doesNotMatch(a, /consultation|neck/);
  assert.equal(cipher.decryptText(a, 'consultations.message:abc'), 'I would like a consultation about my neck.');
  const bytes = Buffer.from([0, 1, 2, 255]);
  assert.deepEqual(cipher.decrypt(cipher.encrypt(bytes, 'photo:1'), 'photo:1'), bytes);
});

test('a value moved to another row or altered does not open', () => {
  const cipher = new FieldCipher(parseDataKeys(newKey));
  const sealed = cipher.encrypt('secret', 'consultations.message:row-1');
  assert.throws(() => cipher.decrypt(sealed, 'consultations.message:row-2'), DecryptionError);
  const parts = sealed.split('.');
  const body = Buffer.from(parts[4] ?? '', 'base64url');
  body[0] = (body[0] ?? 0) ^ 1;
  parts[4] = body.toString('base64url');
  assert.throws(() => cipher.decrypt(parts.join('.'), 'consultations.message:row-1'), DecryptionError);
  assert.throws(() => cipher.decrypt('plain text', 'x'), DecryptionError);
});

test('rotation: the old key still opens old values; rotate re-seals with the new key', () => {
  const before = new FieldCipher(parseDataKeys(oldKey));
  const sealed = before.encrypt('kept for years', 'ctx');
  const after = new FieldCipher(parseDataKeys(`${newKey},${oldKey}`));
  assert.equal(after.needsRotation(sealed), true);
  const rotated = after.rotate(sealed, 'ctx');
  assert.equal(after.needsRotation(rotated), false);
  assert.equal(after.decryptText(rotated, 'ctx'), 'kept for years');
  const onlyNew = new FieldCipher(parseDataKeys(newKey));
  assert.throws(() => onlyNew.decrypt(sealed, 'ctx'), /key k2025 is not configured/);
  assert.equal(onlyNew.decryptText(rotated, 'ctx'), 'kept for years');
});

test('key lists are checked', () => {
  assert.throws(() => parseDataKeys(''), /at least one key/);
  assert.throws(() => parseDataKeys('k1:c2hvcnQ='), /32 bytes/);
  assert.throws(() => parseDataKeys('no-colon'), /id:base64key/);
  assert.throws(() => parseDataKeys(`${newKey},${newKey}`), /unique/);
});

test('the embedded key file is created once, owner-only, and reused', async () => {
  const { mkdtempSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { keysFromFile } = await import('./index.js');
  const dir = mkdtempSync(join(tmpdir(), 'sutura-keys-'));
  const first = keysFromFile(dir);
  const second = keysFromFile(dir);
  assert.deepEqual(first, second);
  assert.equal(statSync(join(dir, 'data-keys')).mode & 0o777, 0o600);
});

test('signed tokens open only for their purpose, unaltered, and survive a key rotation', () => {
  const [first] = parseDataKeys(generateDataKey('old'));
  const [second] = parseDataKeys(generateDataKey('new'));
  const before = new FieldCipher([first!]);
  const token = before.sign('sub123', 'newsletter.unsubscribe');
  assert.equal(before.verify(token, 'newsletter.unsubscribe'), 'sub123');
  assert.equal(before.verify(token, 'newsletter.preferences'), null);
  assert.equal(before.verify(token.replace('sub123', 'sub124'), 'newsletter.unsubscribe'), null);
  assert.equal(before.verify(`${token}x`, 'newsletter.unsubscribe'), null);
  assert.equal(before.verify('garbage', 'newsletter.unsubscribe'), null);
  const rotated = new FieldCipher([second!, first!]);
  assert.equal(rotated.verify(token, 'newsletter.unsubscribe'), 'sub123');
  assert.match(rotated.sign('sub123', 'newsletter.unsubscribe'), /^sub123\.new\./);
  assert.equal(new FieldCipher([second!]).verify(token, 'newsletter.unsubscribe'), null);
  assert.throws(() => before.sign('a.b', 'x'));
});
