// zipkin.proto (proto/zipkin/zipkin.proto, openzipkin/zipkin-api at 069ec8d), loaded once by protobufjs so field
// numbers come from upstream's IDL. Field names are kept in snake_case (`trace_id`), as protojson and the IDL write them.
import protobuf from 'protobufjs';
import { packagePath } from '../../packageRoot.js';


const root = new protobuf.Root().loadSync(packagePath('proto', 'zipkin', 'zipkin.proto'), { keepCase: true });
root.resolveAll();

/** `zipkin.proto3.ListOfSpans`, the body of a proto3 POST to /api/v2/spans. */
export const ListOfSpansType = root.lookupType('zipkin.proto3.ListOfSpans');
