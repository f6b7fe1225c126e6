import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { pdf, photoWithGps, pngBomb, streamOf, video } from '../../../test/support/media-fixtures.js';
import { ValidationError } from '../errors.js';
import { Picture } from '../views/picture.js';
import { findFiles, findImages, intake, storeImage, storePdf, storeVideo } from './index.js';
import { runTool } from './tools.js';

const ALL = { kinds: ['image', 'video', 'pdf'] as const, maxBytes: 20 * 1024 * 1024 };

describe('media pipeline', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await buildTestApp();
    dir = await mkdtemp(join(tmpdir(), 'sutura-media-test-'));
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const mediaRows = async (): Promise<number> => (await t.services.db.selectFrom('media').select('id').execute()).length;

  test('images: AVIF, WebP and JPEG at several widths, no metadata left, a tiny placeholder', async () => {
    const photo = await photoWithGps(1200, 800);
    const meta = await sharp(photo).metadata();
    assert.ok(meta.exif && meta.exif.includes(Buffer.from('Serial 12345')), 'the fixture carries EXIF with a serial and GPS');
    const image = await storeImage(t.services.db, t.services.storage, photo, { originalName: 'IMG_0001.jpg', createdBy: null });
    assert.deepEqual([...new Set(image.variants.map((v) => v.format))], ['avif', 'webp', 'jpeg']);
    assert.deepEqual([...new Set(image.variants.map((v) => v.width))], [480, 960, 1200]);
    for (const v of image.variants) {
      const res = await t.request({ url: `/media/${v.key}` });
      assert.equal(res.statusCode, 200, v.key);
      assert.equal(res.headers['content-type'], `image/${v.format}`);
      const out = await sharp(res.rawPayload).metadata();
      assert.equal(out.format === 'heif' ? 'avif' : out.format, v.format);
      assert.equal(out.exif, undefined, `${v.key} has no EXIF`);
      assert.equal(out.xmp, undefined);
      assert.equal(out.iptc, undefined);
      assert.equal(res.rawPayload.includes(Buffer.from('Serial 12345')), false);
      assert.equal(res.rawPayload.includes(Buffer.from('CameraCo')), false);
    }
    assert.match(image.placeholder ?? '', /^data:image\/webp;base64,/);
    assert.ok((image.placeholder ?? '').length < 1000, 'the placeholder is tiny');
    const tiny = await sharp(Buffer.from((image.placeholder ?? '').split(',')[1] ?? '', 'base64')).metadata();
    assert.equal(tiny.width, 16);
    assert.equal((await findImages(t.services.db, [image.id])).get(image.id)?.placeholder, image.placeholder);
  });

  test('a decompression bomb is refused before it is decoded', async () => {
    const before = await mediaRows();
    await assert.rejects(storeImage(t.services.db, t.services.storage, pngBomb(), { createdBy: null }), (e: ValidationError) => e instanceof ValidationError && e.code === 'image_too_large');
    await assert.rejects(storeImage(t.services.db, t.services.storage, pngBomb(8000, 6000), { createdBy: null }), (e: ValidationError) => e.code === 'image_too_large');
    assert.equal(await mediaRows(), before);
  });

  test('<picture> offers AVIF and WebP sources with srcset and sizes, a JPEG fallback, size, lazy loading', async () => {
    const image = await storeImage(t.services.db, t.services.storage, await photoWithGps(1000, 500), { createdBy: null });
    const html = String(Picture({ image, alt: 'Incision "lines"' }));
    assert.match(html, /<source type="image\/avif" srcset="\/media\/[^"]+-480\.avif 480w, \/media\/[^"]+-960\.avif 960w, \/media\/[^"]+-1000\.avif 1000w" sizes="/);
    assert.match(html, /<source type="image\/webp" srcset="[^"]+\.webp 480w/);
    assert.ok(html.indexOf('image/avif') < html.indexOf('image/webp'), 'AVIF first');
    assert.match(html, /<img src="\/media\/[^"]+-1000\.jpg" srcset="[^"]+\.jpg 480w[^"]*" sizes="[^"]+" width="1000" height="500" alt="Incision &#34;lines&#34;" loading="lazy" decoding="async"/);
    // Images stored before AVIF existed still render.
    const old = { ...image, variants: image.variants.filter((v) => v.format !== 'avif') };
    assert.doesNotMatch(String(Picture({ image: old, alt: '' })), /avif/);
  });

  for (const format of ['mp4', 'webm'] as const) {
    test(`videos (${format}): metadata stripped without re-encoding, a poster frame, the duration; served with ranges`, async () => {
      const bytes = video(dir, format);
      assert.ok(bytes.includes(Buffer.from('Secret patient title')), 'the fixture carries a title tag');
      const file = await intake(streamOf(bytes), ALL, { filename: `clip.${format}` });
      try {
        const stored = await storeVideo(t.services.db, t.services.storage, file, { createdBy: null });
        assert.equal(stored.kind, 'video');
        assert.ok(Math.abs((stored.durationMs ?? 0) - 2000) < 100, `duration ${stored.durationMs}`);
        assert.match(stored.fileKey, new RegExp(`^[A-Za-z0-9_-]+\\.${format}$`));
        const res = await t.request({ url: `/media/${stored.fileKey}` });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], `video/${format}`);
        assert.equal(res.rawPayload.includes(Buffer.from('Secret patient title')), false, 'no title');
        const saved = join(dir, `served.${format}`);
        await writeFile(saved, res.rawPayload);
        const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', saved]).toString()) as { format: { tags?: Record<string, string> }; streams: { codec_name: string }[] };
        assert.equal(probe.format.tags?.title, undefined);
        assert.equal(probe.format.tags?.creation_time, undefined);
        assert.equal(probe.streams[0]?.codec_name, format === 'mp4' ? 'h264' : 'vp8', 'copied, not re-encoded');
        const first = await t.request({ url: `/media/${stored.fileKey}`, headers: { range: 'bytes=0-1023' } });
        assert.equal(first.statusCode, 206);
        assert.deepEqual(first.rawPayload, res.rawPayload.subarray(0, 1024));
        const poster = stored.preview.variants.find((v) => v.format === 'jpeg');
        assert.equal(poster?.width, 320);
        assert.equal((await t.request({ url: `/media/${poster?.key}` })).statusCode, 200);
        const found = (await findFiles(t.services.db, [stored.id])).get(stored.id);
        assert.equal(found?.durationMs, stored.durationMs);
      } finally {
        await file.dispose();
      }
    });
  }

  test('a broken video is refused with a clear code and leaves nothing behind', async () => {
    const before = await mediaRows();
    const file = await intake(streamOf(video(dir, 'mp4').subarray(0, 600)), ALL, { filename: 'cut.mp4' });
    try {
      await assert.rejects(storeVideo(t.services.db, t.services.storage, file, { createdBy: null }), (e: ValidationError) => e.code === 'video_invalid');
    } finally {
      await file.dispose();
    }
    assert.equal(await mediaRows(), before);
  });

  test('PDFs: validated with poppler, page 1 as a thumbnail, text extracted for search', async () => {
    const file = await intake(streamOf(pdf('Rhinoplasty outcomes at ten years')), ALL, { filename: 'study.pdf' });
    try {
      const stored = await storePdf(t.services.db, t.services.storage, file, { createdBy: null, isPrivate: true });
      assert.equal(stored.pages, 1);
      assert.match(stored.text, /Rhinoplasty outcomes at ten years/);
      assert.match(stored.fileKey, /\.ppdf$/, 'a private PDF has a private key');
      assert.equal((await t.request({ url: `/media/${stored.fileKey}` })).statusCode, 404);
      const thumb = stored.preview.variants.find((v) => v.format === 'webp');
      assert.ok(thumb && thumb.key.endsWith('.pwebp'));
      const row = await t.services.db.selectFrom('media').select(['text_content', 'pages', 'kind']).where('id', '=', stored.id).executeTakeFirstOrThrow();
      assert.equal(row.kind, 'pdf');
      assert.match(row.text_content ?? '', /Rhinoplasty/);
    } finally {
      await file.dispose();
    }
    const before = await mediaRows();
    const broken = await intake(streamOf(Buffer.from('%PDF-1.7\nthis is not really a PDF at all\n%%EOF\n')), ALL, { filename: 'broken.pdf' });
    try {
      await assert.rejects(storePdf(t.services.db, t.services.storage, broken, { createdBy: null }), (e: ValidationError) => e.code === 'pdf_invalid');
    } finally {
      await broken.dispose();
    }
    assert.equal(await mediaRows(), before);
  });

  test('a PDF hiding JavaScript in a compressed stream passes the byte scan but not poppler-side checks', async () => {
    const { deflateSync } = await import('node:zlib');
    const hidden = deflateSync(Buffer.from('<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>'));
    const base = pdf('Looks harmless');
    const at = base.indexOf('xref');
    const object = Buffer.concat([Buffer.from(`6 0 obj\n<< /Length ${hidden.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), hidden, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    const bytes = Buffer.concat([base.subarray(0, at), object, base.subarray(at)]);
    const file = await intake(streamOf(bytes), ALL, { filename: 'hidden.pdf' });
    const before = await mediaRows();
    try {
      await assert.rejects(storePdf(t.services.db, t.services.storage, file, { createdBy: null }), (e: ValidationError) => e.code === 'pdf_active_content');
    } finally {
      await file.dispose();
    }
    assert.equal(await mediaRows(), before);
  });

  test('a missing tool is a clear error, not a crash', async () => {
    await assert.rejects(runTool('sutura-no-such-tool', ['--version']), (e: { code?: string; status?: number }) => e.code === 'media_tool_missing' && e.status === 503);
  });
});
