// zipkin.proto (proto/zipkin/zipkin.proto, openzipkin/zipkin-api at 069ec8d), loaded once by protobufjs so field
// numbers come from upstream's IDL, and the decoded shape of its messages. Field names are kept in snake_case
// (`trace_id`), as protojson and the IDL write them.
import type Long from 'long';
import protobuf from 'protobufjs';
import { packagePath } from '../../packageRoot.js';

const root = new protobuf.Root().loadSync(packagePath('proto', 'zipkin', 'zipkin.proto'), { keepCase: true });
root.resolveAll();

/** `zipkin.proto3.ListOfSpans`, the body of a proto3 POST to /api/v2/spans. */
export const ListOfSpansType = root.lookupType('zipkin.proto3.ListOfSpans');

// The messages as protobufjs gives them: 64-bit integers as Long when the `long` package is present, else number.

export interface ProtoEndpoint {
  service_name?: string;
  ipv4?: Uint8Array;
  ipv6?: Uint8Array;
  port?: number;
}

export interface ProtoAnnotation {
  timestamp?: Long | number;
  value?: string;
}

export interface ProtoSpan {
  trace_id?: Uint8Array;
  parent_id?: Uint8Array;
  id?: Uint8Array;
  kind?: number;
  name?: string;
  timestamp?: Long | number;
  duration?: Long | number;
  local_endpoint?: ProtoEndpoint | null;
  remote_endpoint?: ProtoEndpoint | null;
  annotations?: ProtoAnnotation[];
  tags?: Record<string, string>;
  debug?: boolean;
  shared?: boolean;
}

export interface ProtoListOfSpans {
  spans: ProtoSpan[];
}
