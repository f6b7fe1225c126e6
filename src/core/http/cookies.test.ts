import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { cookiesInUse, setCookieNames } from './cookies.js';

describe('declared cookies', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('Set-Cookie headers are read by name, one header or several', () => {
    assert.deepEqual(setCookieNames(undefined), []);
    assert.deepEqual(setCookieNames('sutura_session=abc; Path=/; HttpOnly'), ['sutura_session']);
    assert.deepEqual(setCookieNames(['a=1; Path=/', 'b=; Max-Age=0']), ['a', 'b']);
  });

  test('the privacy center lists every cookie the site sets, with its purpose and how long it lasts', async () => {
    const names = cookiesInUse(t.services.config).map((c) => c.name);
    for (const name of ['sutura_session', 'sutura_consent', 'sutura_device', 'sutura_second_step', 'sutura_age_refused', 'sutura_policy_seen']) assert.ok(names.includes(name), name);
    assert.ok(!names.includes('sutura_age'), 'the age question is off in this configuration');
    const page = await t.request({ url: '/privacy/center' });
    assert.equal(page.statusCode, 200);
    for (const name of names) assert.match(page.body, new RegExp(`<code>${name}</code>`));
    assert.match(page.body, /one-way fingerprint/);
    const es = await t.request({ url: '/es/privacy/center' });
    assert.match(es.body, /huella irreversible/);
  });
});
