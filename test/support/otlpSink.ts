import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { decodeOtlpJson } from '../../src/codecs/otlp/decodeOtlpJson.js';
import { decodeOtlpProto } from '../../src/codecs/otlp/decodeOtlpProto.js';
import type { TraceBatch } from '../../src/model/span.js';

export interface OtlpSink {
  /** Base URL, e.g. http://127.0.0.1:43210 (an otlphttp exporter appends /v1/traces). */
  readonly url: string;
  readonly batches: TraceBatch[];
  readonly headers: Array<Record<string, string | string[] | undefined>>;
  /** Resolves once `predicate` holds for the batches received, or rejects after `timeoutMillis`. */
  waitFor(predicate: (batches: TraceBatch[]) => boolean, timeoutMillis?: number): Promise<void>;
  close(): Promise<void>;
}

/** A minimal OTLP/HTTP endpoint for end-to-end tests: decodes what arrives at /v1/traces and keeps it. */
export async function startOtlpSink(): Promise<OtlpSink> {
  const batches: TraceBatch[] = [];
  const headers: OtlpSink['headers'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const json = String(req.headers['content-type']).includes('json');
      batches.push(json ? decodeOtlpJson(body) : decodeOtlpProto(body));
      headers.push(req.headers);
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? '{}' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    headers,
    async waitFor(predicate, timeoutMillis = 10_000) {
      const until = Date.now() + timeoutMillis;
      while (!predicate(batches)) {
        if (Date.now() > until) throw new Error(`sink: condition not met within ${timeoutMillis} ms (${batches.length} batches)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
