// The OTLP and google.rpc protobuf types, loaded once at start-up by protobufjs from the vendored `.proto` files
// (proto/README.md) so field numbers come from upstream's definitions, not from hand-written tables.
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { packagePath } from '../../packageRoot.js';


function loadRoot(): protobuf.Root {
  const base = packagePath('proto');
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
