import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import type { SiteNotice, SiteNoticeSource } from './notices.js';

describe('site notices', () => {
  let t: TestApp;
  const asked: string[] = [];
  let refreshes = 0;
  let key = 'first';

  /** A source that records each question: core/http must ask it once per request. */
  const source: SiteNoticeSource = {
    async refresh() {
      refreshes++;
    },
    notices(request): SiteNotice[] {
      asked.push(request.id);
      return [{ key: `test-${key}`, tone: 'info', title: 'Test notice', text: `Notice ${key}` }];
    },
  };

  before(async () => {
    t = await buildTestApp();
    t.services.notices.push(source);
  });
  after(() => t.close());

  /** A GET, and the requests the source was asked about meanwhile. */
  async function get(url: string, as?: string) {
    asked.length = 0;
    const res = await t.request({ url, ...(as ? { as } : {}) });
    return { res, asked: [...asked], id: String(res.headers['x-request-id']) };
  }

  test('a cached page asks the sources once, for its cache key and its content alike', async () => {
    const miss = await get('/');
    assert.equal(miss.res.headers['x-page-cache'], 'miss');
    assert.deepEqual(miss.asked, [miss.id]);
    assert.match(miss.res.body, /Notice first/);

    const hit = await get('/');
    assert.equal(hit.res.headers['x-page-cache'], 'hit');
    assert.deepEqual(hit.asked, [hit.id]);
    assert.match(hit.res.body, /Notice first/);

    // Another notice is another cache entry: the page is rendered afresh with it.
    key = 'second';
    const changed = await get('/');
    assert.equal(changed.res.headers['x-page-cache'], 'miss');
    assert.match(changed.res.body, /Notice second/);
    assert.doesNotMatch(changed.res.body, /Notice first/);
  });

  test('a signed-in page asks once too; the back office shows none; every request refreshes the sources', async () => {
    const admin = await t.signIn(['admin']);
    key = 'signed-in';
    const before = refreshes;
    const page = await get('/', admin);
    assert.equal(page.res.headers['x-page-cache'], undefined);
    assert.deepEqual(page.asked, [page.id]);
    assert.match(page.res.body, /Notice signed-in/);
    const office = await get('/admin', admin);
    assert.equal(office.res.statusCode, 200);
    assert.doesNotMatch(office.res.body, /Test notice/);
    assert.equal(refreshes, before + 2);
  });
});
