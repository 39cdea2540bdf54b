import type { AnyValue } from '../../model/span.js';
import { isJsonObject } from './fieldReaders.js';
import type { XrayAws, XraySegmentDocument } from './xraySegmentDocument.js';

/** Scheme, host and port (the authority) of an absolute URL, without the cost of `new URL` per span. */
const URL_AUTHORITY = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::(\d{1,5}))?(?:[/?#]|$)/i;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

/**
 * Semantic-convention attributes that the X-Ray -> OpenTelemetry direction adds as views of fields it also maps
 * (so OpenTelemetry backends and the store's dependency graph see an AWS call as one), computed from a document node.
 * The other direction drops such an attribute when it equals what this returns for the document it built, so views
 * never turn into metadata. README.md lists them.
 */
export function derivedSpanAttributes(node: XraySegmentDocument): Array<[string, AnyValue]> {
  const out: Array<[string, AnyValue]> = [];
  // The document was validated field by field, but `aws` and `http` may still be null or of another shape.
  const aws = isJsonObject(node.aws) ? (node.aws as XrayAws) : undefined;
  if (node.namespace === 'aws' || node.namespace === 'remote') out.push(['peer.service', node.name]);
  if (aws !== undefined) {
    if (typeof aws.operation === 'string') out.push(['rpc.system', 'aws-api'], ['rpc.service', node.name]);
    if (typeof aws.table_name === 'string' || Array.isArray(aws.table_names)) out.push(['db.system', 'dynamodb']);
    if (typeof aws.queue_url === 'string') {
      out.push(['messaging.system', 'aws_sqs']);
      const queue = aws.queue_url.slice(aws.queue_url.lastIndexOf('/') + 1);
      if (queue !== '') out.push(['messaging.destination.name', queue]);
    } else if (typeof aws.topic_arn === 'string') {
      out.push(['messaging.system', 'aws_sns']);
      const topic = aws.topic_arn.slice(aws.topic_arn.lastIndexOf(':') + 1);
      if (topic !== '') out.push(['messaging.destination.name', topic]);
    }
    if (typeof aws.function_name === 'string') out.push(['faas.invoked_provider', 'aws']);
  }
  const request = isJsonObject(node.http) ? node.http.request : undefined;
  const url = isJsonObject(request) ? request.url : undefined;
  const m = typeof url === 'string' ? URL_AUTHORITY.exec(url) : null;
  if (m !== null && m[2] !== undefined && m[2] !== '') {
    out.push(['server.address', m[2].toLowerCase()]);
    const port = m[3];
    if (port !== undefined && port !== '' && DEFAULT_PORTS[(m[1] as string).toLowerCase()] !== Number(port)) out.push(['server.port', BigInt(port)]);
  }
  return out;
}

/** Keys derivedSpanAttributes may return (the encoder looks only when one of them is present). */
export const DERIVED_SPAN_ATTRIBUTE_KEYS: readonly string[] = [
  'peer.service',
  'rpc.system',
  'rpc.service',
  'db.system',
  'messaging.system',
  'messaging.destination.name',
  'faas.invoked_provider',
  'server.address',
  'server.port',
];
