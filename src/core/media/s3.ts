import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { type ByteRange, isValidKey, type MediaBody, type MediaStorage } from './storage.js';

/** S3-compatible object storage settings (S3_* in the configuration). */
export interface S3Settings {
  readonly bucket: string;
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
  readonly forcePathStyle: boolean;
  /** Optional key prefix, so several installations can share a bucket. */
  readonly prefix?: string;
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
}

/**
 * Media in an S3-compatible object store (AWS S3, MinIO, Ceph, R2 ...). Objects are private
 * in the bucket (no ACL is set): Sutura serves them itself, through the same routes and checks
 * as on disk. Streams in both directions; ranges are asked of the store, never cut locally.
 */
export class S3Storage implements MediaStorage {
  readonly #settings: S3Settings;
  #client: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;

  constructor(settings: S3Settings) {
    this.#settings = settings;
  }

  // The SDK is large: loaded on first use, so a process that never touches media never pays for it.
  #sdk(): Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> {
    this.#client ??= import('@aws-sdk/client-s3').then((sdk) => {
      const s = this.#settings;
      const client = new sdk.S3Client({
        region: s.region,
        ...(s.endpoint ? { endpoint: s.endpoint } : {}),
        forcePathStyle: s.forcePathStyle,
        ...(s.accessKeyId && s.secretAccessKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } } : {}),
        // Checksums only where the API requires them: many S3-compatible stores do not
        // understand the SDK's default streaming (aws-chunked) checksums.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return { client, sdk };
    });
    return this.#client;
  }

  #key(key: string): string {
    if (!isValidKey(key)) throw new Error('invalid media key');
    return `${this.#settings.prefix ?? ''}${key}`;
  }

  async put(key: string, body: MediaBody, options: { contentType?: string } = {}): Promise<void> {
    const { client, sdk } = await this.#sdk();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.#settings.bucket,
        Key: this.#key(key),
        Body: Buffer.isBuffer(body) ? body : body.stream,
        ContentLength: Buffer.isBuffer(body) ? body.length : body.length,
        ContentType: options.contentType ?? 'application/octet-stream',
      }),
    );
  }

  async open(key: string, range?: ByteRange): Promise<{ stream: Readable; size: number } | null> {
    if (!isValidKey(key)) return null;
    const { client, sdk } = await this.#sdk();
    try {
      const res = await client.send(
        new sdk.GetObjectCommand({ Bucket: this.#settings.bucket, Key: this.#key(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      // The full size: from Content-Range on a partial answer, Content-Length otherwise.
      const total = res.ContentRange ? Number(res.ContentRange.split('/')[1]) : Number(res.ContentLength ?? 0);
      return { stream: res.Body as Readable, size: total };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async size(key: string): Promise<number | null> {
    if (!isValidKey(key)) return null;
    const { client, sdk } = await this.#sdk();
    try {
      const res = await client.send(new sdk.HeadObjectCommand({ Bucket: this.#settings.bucket, Key: this.#key(key) }));
      return Number(res.ContentLength ?? 0);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async remove(key: string): Promise<void> {
    const { client, sdk } = await this.#sdk();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.#settings.bucket, Key: this.#key(key) }));
  }
}
