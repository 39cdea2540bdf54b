import type { Attributes } from '../../model/span.js';
import { writeResourceAwsBlocks } from './writeResourceAwsBlocks.js';
import type { XrayAws } from './xraySegmentDocument.js';

/** The `aws` and `service` fields of a native segment whose span gives no `aws` field: all from its resource. */
export interface SegmentResourceFields {
  /** Undefined when not written (nothing to write, or `cloud.provider` is not AWS). */
  readonly aws: XrayAws | undefined;
  readonly service: { version: string } | undefined;
  /** Both as JSON object members, each after a comma (`,"aws":{...},"service":{...}`), '' for neither. */
  readonly json: string;
}

/**
 * The resource's `aws` blocks and `service` object, as encodeXrayNode writes them when the span's `aws` part is empty.
 */
export function segmentResourceFields(resource: Attributes): SegmentResourceFields {
  const aws: XrayAws = {};
  const version = writeResourceAwsBlocks(resource, aws, false);
  const provider = resource.get('cloud.provider');
  const written = Object.keys(aws).length > 0 && (provider === undefined || provider === 'aws') ? aws : undefined;
  const service = version === undefined ? undefined : { version };
  let json = '';
  if (written !== undefined) json += `,"aws":${JSON.stringify(written)}`;
  if (service !== undefined) json += `,"service":${JSON.stringify(service)}`;
  return { aws: written, service, json };
}
