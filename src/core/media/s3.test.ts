import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { photoWithGps, streamOf } from '../../../test/support/media-fixtures.js';
import { startTestS3, type TestS3 } from '../../../test/support/s3-server.js';
import { storeImage } from './index.js';
import { S3Storage } from './s3.js';

async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('S3-compatible storage (against a server started by the test)', () => {
  let s3: TestS3;
  let t: TestApp;
  before(async () => {
    s3 = await startTestS3();
    t = await buildTestApp({ S3_BUCKET: 'sutura-test', S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: 'test-access-key', S3_SECRET_ACCESS_KEY: 'test-secret', S3_FORCE_PATH_STYLE: 'true' });
  });
  after(async () => {
    await t.close();
    await s3.close();
  });

  test('put (buffer and stream), size, get, byte range, delete', async () => {
    const storage = new S3Storage({ bucket: 'sutura-test', region: 'us-east-1', endpoint: s3.endpoint, accessKeyId: 'test-access-key', secretAccessKey: 'test-secret', forcePathStyle: true });
    const bytes = randomBytes(200_000);
    await storage.put('Object0000000001.mp4', bytes, { contentType: 'video/mp4' });
    assert.deepEqual(s3.objects.get('sutura-test/Object0000000001.mp4')?.body, bytes);
    assert.equal(s3.objects.get('sutura-test/Object0000000001.mp4')?.type, 'video/mp4');
    await storage.put('Object0000000002.pdf', { stream: streamOf(bytes), length: bytes.length });
    assert.deepEqual(s3.objects.get('sutura-test/Object0000000002.pdf')?.body, bytes, 'a stream arrives whole');

    assert.equal(await storage.size('Object0000000001.mp4'), 200_000);
    const whole = await storage.open('Object0000000001.mp4');
    assert.equal(whole?.size, 200_000);
    assert.deepEqual(await text(whole!.stream), bytes);
    const part = await storage.open('Object0000000001.mp4', { start: 1000, end: 1999 });
    assert.equal(part?.size, 200_000, 'the full size, from Content-Range');
    assert.deepEqual(await text(part!.stream), bytes.subarray(1000, 2000));
    assert.ok(s3.log.includes('GET /sutura-test/Object0000000001.mp4 range=bytes=1000-1999'), 'the range is asked of the store');

    await storage.remove('Object0000000001.mp4');
    assert.equal(s3.objects.has('sutura-test/Object0000000001.mp4'), false);
    assert.equal(await storage.size('Object0000000001.mp4'), null);
    assert.equal(await storage.open('Object0000000001.mp4'), null);
    await assert.rejects(storage.put('../escape.jpg', bytes), /invalid media key/);
  });

  test('with S3_BUCKET set the app stores and serves media from the object store', async () => {
    assert.ok(t.services.storage instanceof S3Storage);
    const image = await storeImage(t.services.db, t.services.storage, await photoWithGps(600, 400), { originalName: 'x.jpg', createdBy: null });
    const jpeg = image.variants.find((v) => v.format === 'jpeg');
    assert.ok(jpeg);
    assert.ok(s3.objects.has(`sutura-test/${jpeg.key}`), 'the variant is in the bucket');
    const res = await t.request({ url: `/media/${jpeg.key}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.deepEqual(res.rawPayload, s3.objects.get(`sutura-test/${jpeg.key}`)?.body);
    const ranged = await t.request({ url: `/media/${jpeg.key}`, headers: { range: 'bytes=0-9' } });
    assert.equal(ranged.statusCode, 206);
    assert.deepEqual(ranged.rawPayload, res.rawPayload.subarray(0, 10));
  });
});
