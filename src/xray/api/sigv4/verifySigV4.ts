import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { XrayApiError } from '../xrayApiError.js';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query as received, e.g. `/TraceSegments`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** How far x-amz-date may be from the server's clock (AWS allows 15 minutes). */
export const MAX_CLOCK_SKEW_MILLIS = 15 * 60 * 1000;

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function denied(type: string, message: string): XrayApiError {
  return new XrayApiError(type, 403, message);
}

function headerText(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * Checks a request's AWS Signature Version 4 `Authorization` header against the configured keys by signing the same
 * request again with the AWS SDK's own signer (@smithy/signature-v4) over the headers it lists as signed and the body
 * as received, and comparing signatures in constant time. The signer takes the payload hash from
 * `x-amz-content-sha256` when that header is there, so the header must be the hash of the body received
 * (checkContentSha256): otherwise a signed request could be replayed with another body. Region and service are taken from the credential scope. Refusals are 403s with AWS's
 * exception names: MissingAuthenticationTokenException (no header), IncompleteSignatureException (unreadable),
 * UnrecognizedClientException (another access key), InvalidSignatureException (bad date, skew or signature).
 */
export async function verifySigV4(req: SignedRequest, credentials: SigV4Credentials, nowMillis: number = Date.now()): Promise<void> {
  const auth = headerText(req.headers.authorization);
  if (auth === undefined || auth === '') throw denied('MissingAuthenticationTokenException', 'Missing Authentication Token: requests must be signed with AWS Signature Version 4');
  const m = AUTHORIZATION.exec(auth.trim());
  if (m === null) throw denied('IncompleteSignatureException', 'Authorization header is not an AWS4-HMAC-SHA256 signature (Credential=..., SignedHeaders=..., Signature=...)');
  const [, accessKeyId, scopeDate, region, service, signedList, signature] = m as unknown as [string, string, string, string, string, string, string];
  if (accessKeyId !== credentials.accessKeyId) throw denied('UnrecognizedClientException', 'The security token included in the request is invalid: unknown access key id');
  const amzDate = headerText(req.headers['x-amz-date']) ?? '';
  const d = AMZ_DATE.exec(amzDate);
  if (d === null) throw denied('IncompleteSignatureException', 'x-amz-date header missing or not in the form YYYYMMDDTHHMMSSZ');
  const signingDate = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(d[4]), Number(d[5]), Number(d[6])));
  if (amzDate.slice(0, 8) !== scopeDate) throw denied('InvalidSignatureException', 'the credential scope date does not match x-amz-date');
  if (Math.abs(nowMillis - signingDate.getTime()) > MAX_CLOCK_SKEW_MILLIS) throw denied('InvalidSignatureException', `Signature expired: x-amz-date ${amzDate} is more than 15 minutes from the server time`);
  const signed = signedList.split(';');
  if (!signed.includes('host')) throw denied('IncompleteSignatureException', 'SignedHeaders must include host');
  checkContentSha256(headerText(req.headers['x-amz-content-sha256']), req.body);
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const v = headerText(req.headers[name]);
    if (v === undefined) throw denied('IncompleteSignatureException', `signed header ${name} is missing from the request`);
    headers[name] = v;
  }
  const q = req.url.indexOf('?');
  const query: Record<string, string | string[]> = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(req.url.slice(q + 1))) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
  }
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256, applyChecksum: false });
  const again = await signer.sign(
    { method: req.method, protocol: 'http:', hostname: headers.host ?? '', path: decodeURIComponent(q >= 0 ? req.url.slice(0, q) : req.url), query, headers, body: req.body },
    { signingDate, signableHeaders: new Set(signed) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(again.headers.authorization ?? ''))?.[1] ?? '';
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw denied('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
}

/**
 * `x-amz-content-sha256`, when sent, must be the SHA-256 of the body received: X-Ray's API is always signed with the
 * payload's hash, so `UNSIGNED-PAYLOAD` (and the chunked `STREAMING-*` forms) are refused too.
 */
function checkContentSha256(header: string | undefined, body: Buffer): void {
  if (header === undefined) return;
  const claimed = header.trim().toLowerCase();
  if (claimed === 'unsigned-payload' || claimed.startsWith('streaming-')) {
    throw denied('InvalidSignatureException', `x-amz-content-sha256 ${header}: the X-Ray API needs requests signed with the payload's SHA-256`);
  }
  const actual = createHash('sha256').update(body).digest('hex');
  if (claimed.length !== actual.length || !timingSafeEqual(Buffer.from(claimed), Buffer.from(actual))) {
    throw denied('InvalidSignatureException', 'x-amz-content-sha256 is not the SHA-256 of the request body');
  }
}
