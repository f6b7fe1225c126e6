import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal S3-compatible server for tests, in process, on 127.0.0.1 (no network): path-style
 * PutObject, GetObject (with one byte Range), HeadObject and DeleteObject on any bucket, objects
 * in memory. It checks that requests are SigV4-signed (an `AWS4-HMAC-SHA256` Authorization
 * header with our access key) but does not recompute signatures: it stands in for the store,
 * it does not test the SDK. We wrote it because the npm fakes (s3rver) are unmaintained.
 */
export interface TestS3 {
  readonly endpoint: string;
  readonly objects: Map<string, { body: Buffer; type: string }>;
  /** Every request as `METHOD /bucket/key` (with ` range=` when ranged), to assert what the app asked. */
  readonly log: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Decodes an `aws-chunked` body (`<hex size>;chunk-signature=...\r\n<data>\r\n ... 0\r\n<trailers>`). */
function decodeAwsChunked(raw: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(at, lineEnd).toString('latin1').split(';')[0] as string, 16);
    if (!size) break;
    out.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

function xmlError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

export async function startTestS3(accessKeyId = 'test-access-key'): Promise<TestS3> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const log: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    log.push(`${req.method} ${path}${req.headers.range ? ` range=${req.headers.range}` : ''}`);
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('AWS4-HMAC-SHA256 ') || !auth.includes(`Credential=${accessKeyId}/`)) {
      res.writeHead(403, { 'content-type': 'application/xml' }).end(xmlError('AccessDenied', 'unsigned request'));
      return;
    }
    const match = /^\/([^/]+)\/(.+)$/.exec(path);
    if (!match) {
      res.writeHead(400, { 'content-type': 'application/xml' }).end(xmlError('InvalidRequest', 'path-style only'));
      return;
    }
    const id = `${match[1]}/${match[2]}`;
    if (req.method === 'PUT') {
      const raw = await readBody(req);
      const chunked = String(req.headers['content-encoding'] ?? '').includes('aws-chunked') || String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
      objects.set(id, { body: chunked ? decodeAwsChunked(raw) : raw, type: String(req.headers['content-type'] ?? 'application/octet-stream') });
      res.writeHead(200, { etag: '"test"' }).end();
      return;
    }
    if (req.method === 'DELETE') {
      objects.delete(id);
      res.writeHead(204).end();
      return;
    }
    const object = objects.get(id);
    if (!object) {
      if (req.method === 'HEAD') res.writeHead(404).end();
      else res.writeHead(404, { 'content-type': 'application/xml' }).end(xmlError('NoSuchKey', 'The specified key does not exist.'));
      return;
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-length': object.body.length, 'content-type': object.type, 'accept-ranges': 'bytes' }).end();
      return;
    }
    if (req.method === 'GET') {
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), object.body.length - 1) : object.body.length - 1;
        if (start >= object.body.length) {
          res.writeHead(416, { 'content-type': 'application/xml' }).end(xmlError('InvalidRange', 'The requested range is not satisfiable'));
          return;
        }
        const slice = object.body.subarray(start, end + 1);
        res.writeHead(206, { 'content-length': slice.length, 'content-range': `bytes ${start}-${end}/${object.body.length}`, 'content-type': object.type }).end(slice);
        return;
      }
      res.writeHead(200, { 'content-length': object.body.length, 'content-type': object.type }).end(object.body);
      return;
    }
    res.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
