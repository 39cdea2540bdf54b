import type { Attributes } from '../../model/span.js';
import { XRAY_API_GATEWAY_PREFIX, XRAY_RESOURCE_NAMES, XRAY_RETRIES } from './xrayAttributeNames.js';
import { readObject, stringOf, stringsOf } from './xrayFieldReaders.js';

/**
 * The call-level fields of the `aws` object (documented and observed ones) as span attributes: `aws.account_id`,
 * `rpc.method` (operation), `aws.region`, `aws.request_id`, `aws.queue_url`, `aws.dynamodb.table_names` (from
 * `table_name` or `table_names`), `aws.xray.retries`, `faas.invoked_name`, `aws.function_arn`, `aws.topic_arn`,
 * `messaging.message.id`, `aws.xray.resource_names` and `aws.api_gateway.<field>`. The resource-level blocks (ec2, ecs,
 * ...) are readXrayResource's. Fields of other types or names are kept verbatim by the caller's diff.
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
