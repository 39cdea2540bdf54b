import { XRAY_NAMESPACE } from '../../codecs/xray/xrayAttributeNames.js';
import type { AnyValue, Attributes } from '../../model/span.js';

// How a caller span names a callee that sends no spans of its own (a virtual node), and how that name is stored as an
// edge's child. Every API shows the peer name (PEER_NAME_ATTRIBUTES); X-Ray's service map draws a call to AWS as the
// resource it reached, typed as AWS names it (docs/xray-mapping.md, "Service graphs"). A call to AWS therefore stores
// both, so that neither view changes the other: `<MARK><peer><MARK><type><MARK><name>`. A plain child is the peer.

/** Attributes naming an uninstrumented callee (a virtual node), in order of preference. */
export const PEER_NAME_ATTRIBUTES = ['peer.service', 'server.address', 'db.system', 'messaging.destination.name'] as const;

/** Every attribute key a callee name is read from (peerName, awsResourceOf). */
export const CALLEE_ATTRIBUTES: readonly string[] = [
  ...PEER_NAME_ATTRIBUTES, 'aws.remote.resource.type', 'aws.remote.resource.identifier', 'aws.remote.service', 'rpc.system', 'rpc.service',
  XRAY_NAMESPACE, 'aws.dynamodb.table_names', 'aws.s3.bucket', 'messaging.system', 'aws.sqs.queue.url', 'aws.queue_url',
  'aws.sns.topic.arn', 'aws.topic_arn', 'aws.lambda.function.name', 'faas.invoked_name',
];

/** An AWS resource (or, without one, an AWS service) as X-Ray's service map names and types it. */
export interface AwsResource {
  /** `AWS::DynamoDB::Table`, `AWS::S3::Bucket`, `AWS::SQS::Queue`, `AWS::SNS::Topic`, `AWS::Lambda::Function`, or `AWS::<service>`. */
  type: string;
  /** The table, bucket, queue, topic or function name; the service name for `AWS::<service>`. */
  name: string;
}

export interface VirtualCallee {
  /** The peer name every API shows; '' when the span names none (then only the X-Ray view has the call). */
  peer: string;
  resource?: AwsResource;
}

/** Unit separator: cannot start a name any attribute would give in practice, and marks a stored AWS callee. */
const MARK = '\u001f';

const text = (a: Attributes, key: string): string | undefined => {
  const v: AnyValue | undefined = a.get(key);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** The text after the last `sep` (a queue URL's queue, an ARN's resource); undefined when empty. */
const lastPart = (s: string | undefined, sep: string): string | undefined => {
  if (s === undefined) return undefined;
  const part = s.slice(s.lastIndexOf(sep) + 1);
  return part === '' ? undefined : part;
};

function peerName(a: Attributes): string | undefined {
  for (const key of PEER_NAME_ATTRIBUTES) {
    const v = text(a, key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** `AWS.SDK.DynamoDB` and `AWS::DynamoDB` (Application Signals' `aws.remote.service`) name the service `DynamoDB`. */
function awsServiceName(a: Attributes): string | undefined {
  const remote = text(a, 'aws.remote.service');
  const plain = remote?.replace(/^AWS(?:\.SDK\.|::)/, '');
  return text(a, 'rpc.service') ?? (plain === '' ? undefined : plain) ?? text(a, 'peer.service');
}

/**
 * The resource of a call to AWS, from the attributes the AWS SDK instrumentations (OpenTelemetry's, Application
 * Signals') and the X-Ray codec give: `aws.remote.resource.type`/`.identifier` as they are; a single DynamoDB table
 * (`aws.dynamodb.table_names`); an S3 bucket (`aws.s3.bucket`); an SQS queue (`aws.sqs.queue.url`, `aws.queue_url`,
 * or the `aws_sqs` destination); an SNS topic (`aws.sns.topic.arn`, `aws.topic_arn`, or the `aws_sns` destination); a
 * Lambda function (`aws.lambda.function.name`, `faas.invoked_name`). Without one, `AWS::<service>` named by the
 * service, as X-Ray draws e.g. `AWS::SNS` "SNS". Undefined when the span is no call to AWS (`rpc.system` `aws-api`,
 * or an X-Ray subsegment in the `aws` namespace).
 */
export function awsResourceOf(a: Attributes): AwsResource | undefined {
  const type = text(a, 'aws.remote.resource.type');
  const identifier = text(a, 'aws.remote.resource.identifier');
  if (type !== undefined && identifier !== undefined) return { type, name: identifier };
  if (a.get('rpc.system') !== 'aws-api' && a.get(XRAY_NAMESPACE) !== 'aws') return undefined;
  const tables = a.get('aws.dynamodb.table_names');
  if (Array.isArray(tables) && tables.length === 1 && typeof tables[0] === 'string' && tables[0] !== '') return { type: 'AWS::DynamoDB::Table', name: tables[0] };
  const bucket = text(a, 'aws.s3.bucket');
  if (bucket !== undefined) return { type: 'AWS::S3::Bucket', name: bucket };
  const messaging = text(a, 'messaging.system');
  const destination = text(a, 'messaging.destination.name');
  const queue = lastPart(text(a, 'aws.sqs.queue.url') ?? text(a, 'aws.queue_url'), '/') ?? (messaging === 'aws_sqs' ? destination : undefined);
  if (queue !== undefined) return { type: 'AWS::SQS::Queue', name: queue };
  const topic = lastPart(text(a, 'aws.sns.topic.arn') ?? text(a, 'aws.topic_arn'), ':') ?? (messaging === 'aws_sns' ? destination : undefined);
  if (topic !== undefined) return { type: 'AWS::SNS::Topic', name: topic };
  const fn = text(a, 'aws.lambda.function.name') ?? text(a, 'faas.invoked_name');
  if (fn !== undefined) return { type: 'AWS::Lambda::Function', name: fn };
  const service = awsServiceName(a);
  return service === undefined ? undefined : { type: `AWS::${service}`, name: service };
}

/** The stored child name of a call to a virtual node, or undefined when the span names no callee at all. */
export function virtualCalleeName(a: Attributes): string | undefined {
  const peer = peerName(a);
  const resource = awsResourceOf(a);
  if (resource === undefined) return peer;
  return `${MARK}${peer ?? ''}${MARK}${resource.type}${MARK}${resource.name}`;
}

/** A stored child name read back (a plain name is a peer, or a service that sends spans). */
export function parseCalleeName(child: string): VirtualCallee {
  if (child.charCodeAt(0) !== 0x1f) return { peer: child };
  const [peer = '', type = '', name = ''] = child.slice(1).split(MARK);
  return type === '' || name === '' ? { peer } : { peer, resource: { type, name } };
}

/** The peer name of a stored child name (`child` itself unless it is a stored AWS callee). */
export function peerOfCalleeName(child: string): string {
  return child.charCodeAt(0) === 0x1f ? parseCalleeName(child).peer : child;
}
