// The decoded shape of zipkin.proto's messages as protobufjs gives them (keepCase field names; 64-bit integers as
// Long when the `long` package is present, else number).
import type Long from 'long';

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
