// The `jaeger` receiver's configuration as a TypeBox schema (a JSON schema ajv validates and fills with defaults) and
import { spanLimitProperties } from '../../config/spanLimitsConfig.js';
// the type derived from it. Keys follow the Collector's jaegerreceiver: a protocol is on when its key is present, and
// a key with no value (`thrift_compact:` in YAML, which reads as null) turns it on with its defaults.
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { authProperty } from '../../config/authConfig.js';
import { ENDPOINT_PATTERN } from '../../config/endpoint.js';
import { tlsProperty } from '../../config/tlsConfig.js';
import { httpLimitProperties } from '../../http/httpServer.js';
import { CORS_DEFAULTS, corsProperty } from '../../http/originGuard.js';
import { DURATION_PATTERN } from '../../model/duration.js';

const endpoint = (defaultValue: string, description: string) => Type.String({ pattern: ENDPOINT_PATTERN, default: defaultValue, description: `${description}; host:port` });

/**
 * An object whose keys with a default need not be written: the type is the config after ajv filled the defaults (every
 * key present), while the schema requires only the keys without one.
 */
function defaulted<T extends TProperties>(object: TObject<T>): TObject<T> {
  const properties = object.properties as Record<string, { default?: unknown }>;
  const required = ((object.required ?? []) as string[]).filter((key) => properties[key]?.default === undefined);
  const { required: _all, ...rest } = object;
  return (required.length > 0 ? { ...rest, required } : rest) as TObject<T>;
}

/** An object that may also be null (a YAML key with no value); written as `type: [object, null]` so its properties stay documented. */
function nullable<T extends TProperties>(object: TObject<T>) {
  return Type.Unsafe<Static<TObject<T>> | null>({ ...defaulted(object), type: ['object', 'null'] });
}

const MAX_UDP_PAYLOAD = 65_507;

function udpProtocol(defaultEndpoint: string, protocolName: string) {
  return Type.Object(
    {
      endpoint: endpoint(defaultEndpoint, `UDP address for agent emitBatch in ${protocolName}`),
      max_packet_size: Type.Integer({ minimum: 1024, maximum: MAX_UDP_PAYLOAD, default: 65_000, description: 'largest datagram accepted, bytes; longer ones are dropped and counted' }),
      queue_size: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1000, description: 'datagrams handed on and not yet accepted, at most; more are dropped and counted' }),
    },
    { additionalProperties: false },
  );
}

const grpcProtocol = Type.Object(
  {
    endpoint: endpoint('localhost:14250', 'address for gRPC CollectorService/PostSpans (and SamplingManager with remote_sampling)'),
    max_recv_msg_size_mib: Type.Integer({ minimum: 1, maximum: 2047, default: 4, description: 'largest request message, MiB, after decompression' }),
    ...tlsProperty,
    ...authProperty,
  },
  { additionalProperties: false },
);

const thriftHttpProtocol = Type.Object(
  {
    endpoint: endpoint('localhost:14268', 'address for POST /api/traces (Thrift binary Batch)'),
    max_request_body_size: Type.Integer(httpLimitProperties.max_request_body_size),
    max_decompressed_body_size: Type.Integer(httpLimitProperties.max_decompressed_body_size),
    ...tlsProperty,
    ...authProperty,
    ...corsProperty,
  },
  { additionalProperties: false },
);

const thriftCompactProtocol = udpProtocol('localhost:6831', 'TCompactProtocol');
const thriftBinaryProtocol = udpProtocol('localhost:6832', 'TBinaryProtocol');

const remoteSampling = defaulted(Type.Object(
  {
    endpoint: endpoint('localhost:5778', 'address for GET /sampling?service=NAME (and the legacy GET /?service=NAME)'),
    strategy_file: Type.Optional(Type.String({ minLength: 1, description: "Jaeger's strategies JSON (default_strategy, service_strategies); unset: probabilistic 0.001 for every service" })),
    reload_interval: Type.String({ pattern: DURATION_PATTERN, default: '10s', description: 'how often the strategy file is checked for changes besides the file-system watch; 0 = watch only' }),
    // The HTTP sampling endpoint's own; GetSamplingStrategy on the gRPC port has the grpc protocol's.
    ...tlsProperty,
    ...authProperty,
  },
  { additionalProperties: false },
));

export const jaegerReceiverConfigSchema = defaulted(Type.Object(
  {
    protocols: Type.Object(
      {
        grpc: Type.Optional(nullable(grpcProtocol)),
        thrift_http: Type.Optional(nullable(thriftHttpProtocol)),
        thrift_compact: Type.Optional(nullable(thriftCompactProtocol)),
        thrift_binary: Type.Optional(nullable(thriftBinaryProtocol)),
      },
      { additionalProperties: false, minProperties: 1, description: 'grpc, thrift_http, thrift_compact and/or thrift_binary; at least one' },
    ),
    remote_sampling: Type.Optional(remoteSampling),
    max_spans_per_request: Type.Integer({ minimum: 1, default: 100_000, description: 'spans accepted in one request or datagram (413 / RESOURCE_EXHAUSTED above)' }),
    ...spanLimitProperties,
  },
  { additionalProperties: false },
));

export type JaegerReceiverConfig = Static<typeof jaegerReceiverConfigSchema>;
export type JaegerGrpcConfig = Static<typeof grpcProtocol>;
export type JaegerThriftHttpConfig = Static<typeof thriftHttpProtocol>;
export type JaegerUdpConfig = Static<typeof thriftCompactProtocol>;
export type JaegerRemoteSamplingConfig = Static<typeof remoteSampling>;

/** Each protocol's defaults, read from the schema, for a key present with no value (which JSON schema cannot fill). */
function defaultsOf<T extends TProperties>(object: TObject<T>): Static<TObject<T>> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(object.properties)) if ((prop as { default?: unknown }).default !== undefined) out[key] = (prop as { default?: unknown }).default;
  return out as Static<TObject<T>>;
}

export const JAEGER_PROTOCOL_DEFAULTS = {
  grpc: defaultsOf(grpcProtocol),
  thrift_http: { ...defaultsOf(thriftHttpProtocol), cors: CORS_DEFAULTS },
  thrift_compact: defaultsOf(thriftCompactProtocol),
  thrift_binary: defaultsOf(thriftBinaryProtocol),
} as const;

export interface EnabledJaegerProtocols {
  grpc?: JaegerGrpcConfig;
  thrift_http?: JaegerThriftHttpConfig;
  thrift_compact?: JaegerUdpConfig;
  thrift_binary?: JaegerUdpConfig;
}

/** The protocols present in the config, every setting filled. */
export function enabledJaegerProtocols(config: JaegerReceiverConfig): EnabledJaegerProtocols {
  const out: EnabledJaegerProtocols = {};
  const p = config.protocols;
  if (p.grpc !== undefined) out.grpc = { ...JAEGER_PROTOCOL_DEFAULTS.grpc, ...p.grpc };
  if (p.thrift_http !== undefined) out.thrift_http = { ...JAEGER_PROTOCOL_DEFAULTS.thrift_http, ...p.thrift_http };
  if (p.thrift_compact !== undefined) out.thrift_compact = { ...JAEGER_PROTOCOL_DEFAULTS.thrift_compact, ...p.thrift_compact };
  if (p.thrift_binary !== undefined) out.thrift_binary = { ...JAEGER_PROTOCOL_DEFAULTS.thrift_binary, ...p.thrift_binary };
  return out;
}
