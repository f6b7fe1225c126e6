import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { FieldCipher } from '../crypto/index.js';
import { parseRange, privateMediaUrl, verifyPrivateMediaToken } from './serve.js';
import { isPublicKey, mediaKey } from './storage.js';

describe('byte ranges', () => {
  test('one range in its three forms; other units and lists get the whole object; bad ranges are unsatisfiable', () => {
    assert.deepEqual(parseRange(undefined, 1000), { kind: 'full' });
    assert.deepEqual(parseRange('bytes=0-99', 1000), { kind: 'partial', range: { start: 0, end: 99 } });
    assert.deepEqual(parseRange('bytes=900-', 1000), { kind: 'partial', range: { start: 900, end: 999 } });
    assert.deepEqual(parseRange('bytes=-100', 1000), { kind: 'partial', range: { start: 900, end: 999 } });
    assert.deepEqual(parseRange('bytes=-5000', 1000), { kind: 'partial', range: { start: 0, end: 999 } });
    assert.deepEqual(parseRange('bytes=990-5000', 1000), { kind: 'partial', range: { start: 990, end: 999 } });
    assert.deepEqual(parseRange('items=0-1', 1000), { kind: 'full' });
    assert.deepEqual(parseRange('bytes=0-1,5-6', 1000), { kind: 'full' });
    for (const bad of ['bytes=1000-', 'bytes=5-2', 'bytes=abc', 'bytes=-', 'bytes=-0', 'bytes=1-2-3']) assert.deepEqual(parseRange(bad, 1000), { kind: 'unsatisfiable' }, bad);
  });
});

describe('signed links to private media', () => {
  const cipher = new FieldCipher([{ id: 'k1', key: randomBytes(32) }]);
  const key = mediaKey('AbCdEfGhIjKlMnOp', 'mp4', true);

  test('valid until it expires; altered, expired or made for another purpose, it opens nothing', () => {
    assert.equal(key, 'AbCdEfGhIjKlMnOp.pmp4');
    assert.equal(isPublicKey(key), false, 'a private key is never public');
    const now = Date.now();
    const url = privateMediaUrl(cipher, key, 60, now);
    const token = url.slice('/media/private/'.length);
    assert.equal(verifyPrivateMediaToken(cipher, token, now), key);
    assert.equal(verifyPrivateMediaToken(cipher, token, now + 59_000), key);
    assert.equal(verifyPrivateMediaToken(cipher, token, now + 61_000), null, 'expired');
    const [value, keyId, mac] = token.split('.') as [string, string, string];
    const forged = Buffer.from(Buffer.from(value, 'base64url').toString('utf8').replace(/\|\d+$/, '|9999999999')).toString('base64url');
    assert.equal(verifyPrivateMediaToken(cipher, `${forged}.${keyId}.${mac}`, now), null, 'a longer expiry breaks the signature');
    assert.equal(verifyPrivateMediaToken(cipher, `${value}.${keyId}.${mac.slice(0, -2)}AA`, now), null, 'tampered');
    const otherPurpose = cipher.sign(value, 'newsletter-unsubscribe');
    assert.equal(verifyPrivateMediaToken(cipher, otherPurpose, now), null, 'another purpose');
    const otherKey = new FieldCipher([{ id: 'k1', key: randomBytes(32) }]);
    assert.equal(verifyPrivateMediaToken(otherKey, token, now), null, 'another installation');
  });
});

describe('serving media', () => {
  let t: TestApp;
  const bytes = randomBytes(10_000);
  before(async () => {
    t = await buildTestApp();
    await t.services.storage.put('AbCdEfGhIjKlMnOp.mp4', bytes);
    await t.services.storage.put('QrStUvWxYz012345.pmp4', bytes);
    await t.services.storage.put('QrStUvWxYz012345.enc', bytes);
  });
  after(() => t.close());

  test('public media: whole, first bytes, a suffix, open-ended; a bad range is 416', async () => {
    const url = '/media/AbCdEfGhIjKlMnOp.mp4';
    const whole = await t.request({ url });
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.equal(whole.headers['content-type'], 'video/mp4');
    assert.equal(whole.headers['content-length'], '10000');
    assert.deepEqual(whole.rawPayload, bytes);
    const first = await t.request({ url, headers: { range: 'bytes=0-99' } });
    assert.equal(first.statusCode, 206);
    assert.equal(first.headers['content-range'], 'bytes 0-99/10000');
    assert.deepEqual(first.rawPayload, bytes.subarray(0, 100));
    const suffix = await t.request({ url, headers: { range: 'bytes=-500' } });
    assert.equal(suffix.statusCode, 206);
    assert.equal(suffix.headers['content-range'], 'bytes 9500-9999/10000');
    assert.deepEqual(suffix.rawPayload, bytes.subarray(9500));
    const open = await t.request({ url, headers: { range: 'bytes=9000-' } });
    assert.equal(open.statusCode, 206);
    assert.equal(open.headers['content-length'], '1000');
    assert.deepEqual(open.rawPayload, bytes.subarray(9000));
    for (const range of ['bytes=10000-', 'bytes=50-10', 'bytes=x-y']) {
      const bad = await t.request({ url, headers: { range } });
      assert.equal(bad.statusCode, 416, range);
      assert.equal(bad.headers['content-range'], 'bytes */10000');
    }
    assert.equal((await t.request({ url: '/media/Missing000000000.mp4' })).statusCode, 404);
  });

  test('private media is never served by the public route; a signed link serves it, uncached, with ranges', async () => {
    assert.equal((await t.request({ url: '/media/QrStUvWxYz012345.pmp4' })).statusCode, 404);
    assert.equal((await t.request({ url: '/media/QrStUvWxYz012345.enc' })).statusCode, 404);
    const url = privateMediaUrl(t.services.cipher, 'QrStUvWxYz012345.pmp4');
    const res = await t.request({ url });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.equal(res.headers['content-type'], 'video/mp4');
    assert.deepEqual(res.rawPayload, bytes);
    const part = await t.request({ url, headers: { range: 'bytes=10-19' } });
    assert.equal(part.statusCode, 206);
    assert.deepEqual(part.rawPayload, bytes.subarray(10, 20));
    assert.equal((await t.request({ url: privateMediaUrl(t.services.cipher, 'QrStUvWxYz012345.pmp4', 60, Date.now() - 120_000) })).statusCode, 404, 'expired');
    assert.equal((await t.request({ url: `${url.slice(0, -3)}xyz` })).statusCode, 404, 'tampered');
    // Sealed medical photos have no media type: even a signed link does not serve them raw.
    assert.equal((await t.request({ url: privateMediaUrl(t.services.cipher, 'QrStUvWxYz012345.enc') })).statusCode, 404);
  });
});
