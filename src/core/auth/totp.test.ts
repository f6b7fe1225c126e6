import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, base32Encode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUri, totpCode, totpStep, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890"; its 8-digit
// codes end in these six digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

test('codes match the RFC 6238 test vectors', () => {
  for (const [seconds, code] of RFC_VECTORS) assert.equal(totpCode(RFC_SECRET, totpStep(seconds * 1000)), code, `at ${seconds}`);
});

test('base32 round-trips and ignores case, spaces and padding', () => {
  const bytes = Buffer.from('any bytes at all \u0000\u00ff');
  assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
  assert.deepEqual(base32Decode('mzxw 6ytb oi======'), Buffer.from('foobar'));
  assert.throws(() => base32Decode('not-base32!'));
  assert.equal(newTotpSecret().length, 32);
});

test('a code is accepted within one step of drift, once, and never on a wrong value', () => {
  const secret = newTotpSecret();
  const at = 1_800_000_000_000;
  const step = totpStep(at);
  assert.equal(verifyTotp(secret, totpCode(secret, step), null, at), step);
  assert.equal(verifyTotp(secret, totpCode(secret, step - 1), null, at), step - 1);
  assert.equal(verifyTotp(secret, totpCode(secret, step + 1), null, at), step + 1);
  assert.equal(verifyTotp(secret, totpCode(secret, step - 2), null, at), null);
  assert.equal(verifyTotp(secret, totpCode(secret, step), step, at), null, 'replay refused');
  assert.equal(verifyTotp(secret, ` ${totpCode(secret, step).slice(0, 3)} ${totpCode(secret, step).slice(3)} `, null, at), step);
  for (const bad of ['', '12345', '1234567', 'abcdef', '12345\u0000']) assert.equal(verifyTotp(secret, bad, null, at), null);
});

test('otpauth addresses and recovery codes', () => {
  assert.equal(otpauthUri('Harbor Plastic Surgery', 'ana@example.test', 'ABC'), 'otpauth://totp/Harbor%20Plastic%20Surgery:ana%40example.test?secret=ABC&issuer=Harbor%20Plastic%20Surgery&algorithm=SHA1&digits=6&period=30');
  const codes = newRecoveryCodes();
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
  assert.equal(normalizeRecoveryCode(' abcde fghjk '), 'ABCDE-FGHJK');
  assert.equal(normalizeRecoveryCode('abcde-fghjk'), 'ABCDE-FGHJK');
});
