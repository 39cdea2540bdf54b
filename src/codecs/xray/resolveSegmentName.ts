import { SpanKind } from '../../model/span.js';
import type { Attributes, Span } from '../../model/span.js';
import type { AttributeReader } from './attributeReader.js';
import { sanitizeSegmentName } from './sanitizeSegmentName.js';

const str = (a: Attributes, k: string): string | undefined => {
  const v = a.get(k);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/**
 * The segment name of a native span, first match wins (docs/xray-mapping.md, "Names"), sanitised whatever its source
 * (contrib sanitises only the span name, so other sources could make X-Ray refuse the document with `InvalidName`).
 * `fromAwsService` tells that `aws.service` gave it, which implies namespace `aws`.
 */
export function resolveSegmentName(span: Span, resource: Attributes, r: AttributeReader): { name: string; fromAwsService: boolean } {
  const a = span.attributes;
  const kind = span.kind;
  let name: string | undefined;
  if (kind === SpanKind.SERVER) name = str(a, 'aws.local.service');
  else if (kind === SpanKind.INTERNAL && a.get('aws.span.kind') === 'LOCAL_ROOT') name = str(a, 'aws.local.service');
  else if (kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER || kind === SpanKind.CONSUMER) {
    name = str(a, 'aws.remote.service');
    if (name !== undefined && a.get('rpc.system') === 'aws-api') name = name.replace(/^(AWS\.SDK\.|AWS::)/, '');
  }
  name ??= str(a, 'peer.service');
  if (name === undefined) {
    const awsService = str(a, 'aws.service');
    if (awsService !== undefined) {
      r.take('aws.service');
      return { name: sanitizeSegmentName(awsService), fromAwsService: true };
    }
  }
  if (name === undefined) {
    const db = str(a, 'db.name');
    if (db !== undefined) {
      const host = hostOf(str(a, 'db.connection_string'));
      name = host === undefined ? db : `${db}@${host}`;
    }
  }
  if (name === undefined && kind === SpanKind.SERVER) name = str(resource, 'service.name');
  name ??= str(a, 'rpc.service') ?? str(a, 'http.host') ?? str(a, 'net.peer.name') ?? span.name;
  return { name: sanitizeSegmentName(name), fromAwsService: false };
}

function hostOf(connection: string | undefined): string | undefined {
  if (connection === undefined) return undefined;
  const text = connection.replace(/^jdbc:/, '');
  return URL.canParse(text) ? new URL(text).hostname || undefined : undefined;
}
