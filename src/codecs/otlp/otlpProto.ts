// The OTLP and google.rpc protobuf types, loaded once at start-up by protobufjs from the vendored `.proto` files
// (proto/README.md) so field numbers come from upstream's definitions, not from hand-written tables.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** `proto/` beside package.json, found from this module in src/ or dist/. */
function protoDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('proto/ not found: no package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return join(dir, 'proto');
}

function loadRoot(): protobuf.Root {
  const base = protoDir();
  const root = new protobuf.Root();
  // Imports are relative to proto/ (as protoc's -I); google/protobuf/* come bundled with protobufjs.
  root.resolvePath = (_origin, target) => join(base, target);
  root.loadSync(['opentelemetry/proto/collector/trace/v1/trace_service.proto', 'google/rpc/status.proto', 'google/rpc/error_details.proto']);
  root.resolveAll();
  return root;
}

const root = loadRoot();

export const ExportTraceServiceRequestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
export const ExportTraceServiceResponseType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
export const RpcStatusType = root.lookupType('google.rpc.Status');
export const RetryInfoType = root.lookupType('google.rpc.RetryInfo');

/** The `type_url` of a RetryInfo packed in google.protobuf.Any. */
export const RETRY_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.RetryInfo';
