import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { pdf, photoWithGps, png, streamOf, video, zip } from '../../../test/support/media-fixtures.js';
import { ValidationError } from '../errors.js';
import { cleanOriginalName, intake, type IntakePolicy } from './intake.js';

const ALL: IntakePolicy = { kinds: ['image', 'video', 'pdf'], maxBytes: 5 * 1024 * 1024 };
const IMAGES: IntakePolicy = { kinds: ['image'], maxBytes: 5 * 1024 * 1024 };

async function refusal(bytes: Buffer, policy: IntakePolicy = ALL, filename?: string): Promise<string> {
  try {
    const file = await intake(streamOf(bytes), policy, { filename: filename ?? null });
    await file.dispose();
    return 'accepted';
  } catch (e) {
    assert.ok(e instanceof ValidationError, `a ValidationError, not ${String(e)}`);
    return e.code;
  }
}

describe('media intake', () => {
  let dir: string;
  let mp4: Buffer;
  let webm: Buffer;
  let jpeg: Buffer;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sutura-intake-test-'));
    mp4 = video(dir, 'mp4');
    webm = video(dir, 'webm');
    jpeg = await photoWithGps(200, 100);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('the kind comes from the bytes: images, videos and PDFs in a temporary file, removed by dispose()', async () => {
    const cases: [Buffer, string, string, string][] = [
      [jpeg, 'photo.JPG', 'image', 'image/jpeg'],
      [await png(), 'drawing.png', 'image', 'image/png'],
      [mp4, 'clip.mp4', 'video', 'video/mp4'],
      [webm, 'clip.webm', 'video', 'video/webm'],
      [pdf('A study'), 'study.pdf', 'pdf', 'application/pdf'],
      [jpeg, 'no-extension', 'image', 'image/jpeg'],
    ];
    for (const [bytes, name, kind, mime] of cases) {
      const file = await intake(streamOf(bytes), ALL, { filename: name });
      assert.equal(file.kind, kind, name);
      assert.equal(file.mime, mime, name);
      assert.equal(file.bytes, bytes.length);
      assert.ok(existsSync(file.path));
      await file.dispose();
      assert.equal(existsSync(dirname(file.path)), false, 'the temporary folder is gone');
    }
  });

  test('past the size limit the upload is refused and nothing is left behind', async () => {
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith('sutura-upload-')).length;
    const big = Readable.from((function* () {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024, i === 0 ? 0xff : 0);
    })());
    await assert.rejects(intake(big, { kinds: ['image'], maxBytes: 1024 * 1024 }), (e: ValidationError) => e.code === 'upload_too_big');
    const afterCount = (await readdir(tmpdir())).filter((n) => n.startsWith('sutura-upload-')).length;
    assert.ok(afterCount <= before, 'no temporary file left');
    assert.equal(await refusal(Buffer.alloc(0)), 'upload_empty');
  });

  test('each use has its allow-list', async () => {
    assert.equal(await refusal(mp4, IMAGES, 'clip.mp4'), 'upload_not_allowed');
    assert.equal(await refusal(pdf('x'), IMAGES, 'a.pdf'), 'upload_not_allowed');
    assert.equal(await refusal(jpeg, { kinds: ['pdf'], maxBytes: 1e6 }, 'a.jpg'), 'upload_not_allowed');
  });

  test('SVG, XML and HTML are refused, whatever the name says', async () => {
    assert.equal(await refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), ALL, 'x.png'), 'upload_svg');
    assert.equal(await refusal(Buffer.from('\uFEFF  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), ALL, 'x.svg'), 'upload_svg');
    assert.equal(await refusal(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), ALL, 'x.jpg'), 'upload_unknown');
    assert.equal(await refusal(Buffer.from('just some text, not a file we know'), ALL, 'x.txt'), 'upload_unknown');
  });

  test('programs are refused: ELF, PE/MZ, Mach-O, scripts', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    const pe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]);
    const macho = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), Buffer.alloc(120)]);
    const script = Buffer.from('#!/bin/sh\nrm -rf /\n');
    for (const [bytes, name] of [[elf, 'a.jpg'], [pe, 'photo.jpg'], [macho, 'b.png'], [script, 'c.pdf']] as const) {
      assert.equal(await refusal(bytes, ALL, name), 'upload_executable', name);
    }
  });

  test('archives are refused: zip, gzip, 7z, rar, tar', async () => {
    const { gzipSync } = await import('node:zlib');
    const tar = Buffer.alloc(1024);
    tar.write('a.txt', 0);
    tar.write('ustar\u000000', 257, 'latin1');
    const archives: Buffer[] = [
      zip(),
      gzipSync(Buffer.from('hello')),
      Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), Buffer.alloc(64)]),
      Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(64)]),
      tar,
    ];
    for (const bytes of archives) assert.equal(await refusal(bytes, ALL, 'x.jpg'), 'upload_archive');
  });

  test('polyglots are refused: an image or PDF that is also a ZIP, or carries markup', async () => {
    assert.equal(await refusal(Buffer.concat([jpeg, zip('evil.js', Buffer.from('alert(1)'))]), ALL, 'a.jpg'), 'upload_polyglot');
    assert.equal(await refusal(Buffer.concat([pdf('x'), zip()]), ALL, 'a.pdf'), 'upload_polyglot');
    const gif = Buffer.concat([Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), Buffer.from('/*<script>alert(1)</script>*/'), Buffer.from([0x3b])]);
    assert.equal(await refusal(gif, ALL, 'a.gif'), 'upload_polyglot');
    assert.equal(await refusal(Buffer.concat([jpeg, Buffer.from('<html><body>hi</body></html>')]), ALL, 'a.jpg'), 'upload_polyglot');
    // A match split across two chunks of the stream is still found.
    const split = Buffer.concat([await png(), Buffer.from('<scr'), Buffer.from('ipt>alert(1)</script>')]);
    const file = intake(Readable.from([split.subarray(0, split.length - 20), split.subarray(split.length - 20)]), ALL, { filename: 'a.png' });
    await assert.rejects(file, (e: ValidationError) => e.code === 'upload_polyglot');
  });

  test('PDFs with JavaScript, launch actions or embedded files are refused (also hex-escaped names)', async () => {
    assert.equal(await refusal(pdf('x', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> '), ALL, 'a.pdf'), 'pdf_active_content');
    assert.equal(await refusal(pdf('x', '/OpenAction << /S /Launch /F (cmd.exe) >> '), ALL, 'a.pdf'), 'pdf_active_content');
    assert.equal(await refusal(pdf('x', '/Names << /EmbeddedFiles << /Names [] >> >> '), ALL, 'a.pdf'), 'pdf_active_content');
    assert.equal(await refusal(pdf('x', '/AA << /O << /S /J#61vaScript /J#53 (app.alert(1)) >> >> '), ALL, 'a.pdf'), 'pdf_active_content');
  });

  test('a name whose extension disagrees with the bytes is refused', async () => {
    assert.equal(await refusal(await png(), ALL, 'photo.jpg'), 'upload_extension_mismatch');
    assert.equal(await refusal(jpeg, ALL, 'report.pdf'), 'upload_extension_mismatch');
    assert.equal(await refusal(mp4, ALL, 'clip.webm'), 'upload_extension_mismatch');
    assert.equal(await refusal(jpeg, ALL, 'photo.exe'), 'upload_extension_mismatch');
  });

  test('original names are kept only as clean, short text', () => {
    assert.equal(cleanOriginalName('../../etc/passwd.jpg'), 'passwd.jpg');
    assert.equal(cleanOriginalName('C:\\Users\\ana\\foto.jpg'), 'foto.jpg');
    assert.equal(cleanOriginalName('a\u0000b\u001b[31mc\u202e.jpg'), 'ab[31mc.jpg');
    assert.equal(cleanOriginalName('Cafe\u0301.jpg'), 'Caf\u00e9.jpg', 'NFC');
    assert.equal([...(cleanOriginalName(`${'x'.repeat(300)}.jpg`) ?? '')].length, 120);
    assert.equal(cleanOriginalName('\u0000\u0001'), null);
    assert.equal(cleanOriginalName(undefined), null);
  });
});
