import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { dropAuditTriggers } from '../../../test/support/tamper.js';
import { checkAuditChain, recordAudit, truncateIp, verifyAuditChain } from './index.js';

test('IP addresses are cut to their network: IPv4 /24, IPv6 /48', () => {
  assert.equal(truncateIp('203.0.113.77'), '203.0.113.0/24');
  assert.equal(truncateIp('::ffff:198.51.100.9'), '198.51.100.0/24');
  assert.equal(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348'), '2001:db8:85a3::/48');
  assert.equal(truncateIp('2001:db8::1'), '2001:db8::/48');
  assert.equal(truncateIp('fe80::1%eth0'), 'fe80::/48');
  assert.equal(truncateIp('::1'), '::/48');
  assert.equal(truncateIp('2001:db8:0:1::5'), '2001:db8::/48');
  assert.equal(truncateIp('2001:0:85a3::'), '2001:0:85a3::/48');
  assert.equal(truncateIp('not an ip'), null);
  assert.equal(truncateIp(''), null);
  assert.equal(truncateIp(undefined), null);
});

describe('the audit log', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('an event from a request stores the network of its address, never the address', async () => {
    const res = await t.request({ method: 'POST', url: '/contact', remoteAddress: '192.0.2.145', ...form({ name: 'Ana', email: 'ana@example.test', topic: 'general', message: 'Hi', website: '' }) });
    assert.equal(res.statusCode, 303);
    const event = await t.services.db.selectFrom('audit_events').selectAll().where('action', '=', 'contact.received').executeTakeFirstOrThrow();
    assert.equal(event.ip, '192.0.2.0/24');
    assert.ok(event.request_id);
    assert.equal(res.headers['x-request-id'], event.request_id);
    assert.doesNotMatch(JSON.stringify(await t.services.db.selectFrom('audit_events').selectAll().execute()), /192\.0\.2\.145/);
  });

  test('append-only: the database refuses UPDATE and DELETE', async () => {
    await t.services.db.transaction().execute((trx) => recordAudit(trx, 'guide.created', { type: 'guide', id: 'g1' }, { revision: 1 }, null));
    await assert.rejects(t.services.db.updateTable('audit_events').set({ action: 'guide.deleted' }).execute(), /append-only/);
    await assert.rejects(t.services.db.deleteFrom('audit_events').execute(), /append-only/);
    assert.deepEqual(await checkAuditChain(t.services.db), { ok: true, count: 2 });
  });

  test('the chain check finds a row edited directly (after the triggers are dropped) and names it', async () => {
    for (let i = 0; i < 3; i++) await t.services.db.transaction().execute((trx) => recordAudit(trx, 'guide.updated', { type: 'guide', id: `g${i}` }, { revision: i }, null));
    const intact = await checkAuditChain(t.services.db, 2); // small pages: the walk crosses page boundaries
    assert.deepEqual(intact, { ok: true, count: 5 });
    await dropAuditTriggers(t.services.db);
    const victim = await t.services.db.selectFrom('audit_events').select(['seq', 'id', 'at']).where('target_id', '=', 'g1').executeTakeFirstOrThrow();
    await t.services.db.updateTable('audit_events').set({ target_id: 'someone-else' }).where('seq', '=', victim.seq).execute();
    const broken = await checkAuditChain(t.services.db, 2);
    assert.equal(broken.ok, false);
    assert.ok(!broken.ok);
    assert.equal(broken.seq, victim.seq);
    assert.equal(broken.id, victim.id);
    assert.equal(broken.count, victim.seq - 1);
    assert.equal(await verifyAuditChain(t.services.db), victim.seq);
    // Putting it back repairs the link; deleting a row breaks the next one.
    await t.services.db.updateTable('audit_events').set({ target_id: 'g1' }).where('seq', '=', victim.seq).execute();
    assert.equal(await verifyAuditChain(t.services.db), null);
    await t.services.db.deleteFrom('audit_events').where('seq', '=', victim.seq).execute();
    assert.equal(await verifyAuditChain(t.services.db), victim.seq + 1);
  });
});
