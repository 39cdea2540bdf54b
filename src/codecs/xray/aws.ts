// The call-level fields of the `aws` object both ways: the AWS SDK call a subsegment records (operation, region,
// request id, DynamoDB tables, SQS queue, SNS topic, Lambda function, API Gateway) and the account. The resource-level
// blocks (ec2, ecs, eks, ...) are resource.ts's.
import type { Attributes } from '../../model/span.js';
import type { AttributeReader } from './attributeReader.js';
import { readObject, stringOf, stringsOf } from './fieldReaders.js';
import { XRAY_API_GATEWAY_PREFIX, XRAY_RESOURCE_NAMES, XRAY_RETRIES } from './xrayAttributeNames.js';
import type { XrayAws } from './xraySegmentDocument.js';

/**
 * The call-level fields of the `aws` object as span attributes: `aws.account_id`, `rpc.method` (operation),
 * `aws.region`, `aws.request_id`, `aws.queue_url`, `aws.dynamodb.table_names` (from `table_name` or `table_names`),
 * `aws.xray.retries`, `faas.invoked_name`, `aws.function_arn`, `aws.topic_arn`, `messaging.message.id`,
 * `aws.xray.resource_names` and `aws.api_gateway.<field>`. The resource-level blocks (ec2, ecs, ...) are
 * readXrayResource's. Fields of other types or names are kept verbatim by the caller's diff.
 */
export function readAwsFields(node: Record<string, unknown>, where: string, attrs: Attributes): void {
  const aws = readObject(node, 'aws', where);
  if (aws === undefined) return;
  const set = (key: string, v: string | undefined) => {
    if (v !== undefined) attrs.set(key, v);
  };
  set('aws.account_id', stringOf(aws, 'account_id'));
  set('rpc.method', stringOf(aws, 'operation'));
  set('aws.region', stringOf(aws, 'region'));
  set('aws.request_id', stringOf(aws, 'request_id'));
  set('aws.queue_url', stringOf(aws, 'queue_url'));
  const table = stringOf(aws, 'table_name');
  const tables = stringsOf(aws, 'table_names');
  if (table !== undefined) attrs.set('aws.dynamodb.table_names', [table]);
  else if (tables !== undefined) attrs.set('aws.dynamodb.table_names', tables);
  if (typeof aws.retries === 'number' && Number.isSafeInteger(aws.retries)) attrs.set(XRAY_RETRIES, BigInt(aws.retries));
  set('faas.invoked_name', stringOf(aws, 'function_name'));
  set('aws.function_arn', stringOf(aws, 'function_arn'));
  set('aws.topic_arn', stringOf(aws, 'topic_arn'));
  set('messaging.message.id', stringOf(aws, 'message_id'));
  const names = stringsOf(aws, 'resource_names');
  if (names !== undefined) attrs.set(XRAY_RESOURCE_NAMES, names);
  const gateway = aws.api_gateway;
  if (typeof gateway === 'object' && gateway !== null && !Array.isArray(gateway)) {
    for (const [k, v] of Object.entries(gateway)) if (typeof v === 'string') attrs.set(XRAY_API_GATEWAY_PREFIX + k, v);
  }
}

/** Whether any attribute read below is there: all start with `aws.` but three (most spans have none of them). */
function hasAwsAttribute(a: Attributes): boolean {
  for (const k of a.keys()) if (k.startsWith('aws.') || k === 'rpc.method' || k === 'faas.invoked_name' || k === 'messaging.message.id') return true;
  return false;
}

/**
 * The span's part of the `aws` object: the AWS call (operation, region, request id, DynamoDB tables, SQS queue, SNS
 * topic, Lambda function, API Gateway) and account. `rpc.method` counts as the operation only when `rpc.system` is
 * `aws-api` (contrib also takes gRPC methods, which then pass for AWS operations). Returns an empty object when there
 * is nothing.
 */
export function writeAwsBlock(r: AttributeReader, fromXray: boolean): XrayAws {
  const a = r.attributes;
  const aws: XrayAws = {};
  if (!hasAwsAttribute(a)) return aws;
  const account = r.string('aws.account_id');
  if (account !== undefined) aws.account_id = account;
  const operation = r.string('aws.operation') ?? (a.get('rpc.system') === 'aws-api' ? r.string('rpc.method') : undefined);
  if (operation !== undefined) aws.operation = operation;
  const region = r.string('aws.region');
  if (region !== undefined) aws.region = region;
  const requestId = r.string('aws.request_id') ?? (fromXray ? undefined : r.string('aws.requestId'));
  if (requestId !== undefined) aws.request_id = requestId;
  const queueUrl = r.string('aws.queue_url') ?? (fromXray ? undefined : r.string('aws.queue.url'));
  if (queueUrl !== undefined) aws.queue_url = queueUrl;
  const tables = r.strings('aws.dynamodb.table_names');
  const table = r.string('aws.table_name') ?? (fromXray ? undefined : r.string('aws.table.name'));
  if (tables !== undefined && tables.length > 1) aws.table_names = tables;
  else if (tables !== undefined && tables.length === 1) aws.table_name = tables[0] as string;
  else if (table !== undefined) aws.table_name = table;
  const retries = r.integer(XRAY_RETRIES);
  if (retries !== undefined) aws.retries = retries;
  const functionName = r.string('faas.invoked_name');
  if (functionName !== undefined) aws.function_name = functionName;
  const functionArn = r.string('aws.function_arn');
  if (functionArn !== undefined) aws.function_arn = functionArn;
  const topicArn = r.string('aws.topic_arn');
  if (topicArn !== undefined) aws.topic_arn = topicArn;
  const messageId = r.string('messaging.message.id');
  if (messageId !== undefined) aws.message_id = messageId;
  const resourceNames = r.strings(XRAY_RESOURCE_NAMES);
  if (resourceNames !== undefined) aws.resource_names = resourceNames;
  let apiGateway: Record<string, unknown> | undefined;
  for (const [k, v] of a) {
    if (k.startsWith(XRAY_API_GATEWAY_PREFIX) && typeof v === 'string') {
      (apiGateway ??= {})[k.slice(XRAY_API_GATEWAY_PREFIX.length)] = v;
      r.take(k);
    }
  }
  if (apiGateway !== undefined) aws.api_gateway = apiGateway;
  return aws;
}
