import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { ACCOUNT_RULE, IP_RULE, accountKey, currentWait, ipKey, recordFailure } from './throttle.js';

describe('sign-in throttling state', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('keys are fingerprints, never the email or the address', () => {
    assert.match(accountKey(' Someone@Example.test '), /^account:[0-9a-f]{64}$/);
    assert.equal(accountKey('someone@example.test'), accountKey(' SOMEONE@example.test'));
    assert.match(ipKey('203.0.113.1'), /^ip:[0-9a-f]{64}$/);
  });

  test('delays double from the 5th failure; the 10th locks for 15 minutes; old failures are forgotten', async () => {
    const key = accountKey('doubling@example.test');
    const start = new Date('2026-11-22T10:00:00Z');
    const waits: number[] = [];
    let locked = false;
    for (let i = 1; i <= 10; i++) {
      const now = new Date(start.getTime() + i * 1000);
      locked = await t.services.db.transaction().execute((trx) => recordFailure(trx, key, ACCOUNT_RULE, now));
      const wait = await currentWait(t.services.db, [key], now);
      waits.push(wait ? Math.round((wait.until.getTime() - now.getTime()) / 1000) : 0);
    }
    assert.deepEqual(waits, [0, 0, 0, 0, 1, 2, 4, 8, 16, 900]);
    assert.equal(locked, true);
    const later = new Date(start.getTime() + 3 * 3_600_000);
    await t.services.db.transaction().execute((trx) => recordFailure(trx, key, ACCOUNT_RULE, later));
    assert.equal(await currentWait(t.services.db, [key], later), null, 'counting starts again after an hour');
  });

  test('concurrent failures are all counted (an atomic increment, not read-then-write)', async () => {
    const key = ipKey('203.0.113.200');
    await Promise.all(Array.from({ length: 8 }, () => t.services.db.transaction().execute((trx) => recordFailure(trx, key, IP_RULE))));
    const row = await t.services.db.selectFrom('sign_in_throttle').select('failures').where('key', '=', key).executeTakeFirstOrThrow();
    assert.equal(Number(row.failures), 8);
  });
});
