// OTLP/gRPC (OTLP specification, "OTLP/gRPC"): the unary TraceService/Export method, defined by hand with the OTLP
// codec as its (de)serializer instead of @grpc/proto-loader. grpc-js enforces max_recv_msg_size_mib on the message
// after decompression (RESOURCE_EXHAUSTED) and accepts gzip- and deflate-compressed messages.
import { Metadata, Server, type ServerUnaryCall, type ServiceDefinition, type sendUnaryData } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { encodeOtlpProto } from '../../codecs/otlp/encodeOtlpProto.js';
import { encodeExportResponseProto } from '../../codecs/otlp/exportResponse.js';
import { encodeRpcStatusProto } from '../../codecs/otlp/rpcStatus.js';
import { TRACE_SERVICE_EXPORT_PATH, asBuffer } from '../../codecs/otlp/traceService.js';
import { parseEndpoint } from '../../config/endpoint.js';
import { type PipelineError, asDecodeError, asPipelineError } from '../../errors.js';
import type { HttpAuthenticator } from '../../http/authentication.js';
import { metadataTenant, stampTenant, type Tenancy } from '../../http/tenancy.js';
import { shutdownGrpcServer } from '../../http/grpcShutdown.js';
import { grpcServerSecurity, type GrpcServerSecurity } from '../../http/grpcServerSecurity.js';
import type { TraceBatch } from '../../model/span.js';
import type { OtlpGrpcConfig } from './config.js';
import type { Intake } from './intake.js';
import { grpcCodeOf, rpcStatusOf } from './refusal.js';

/**
 * What the deserializer hands the handler. Decoding errors travel as values: a throwing deserializer makes grpc-js
 * answer INTERNAL, but a malformed request must get INVALID_ARGUMENT with a message naming the problem.
 */
type DecodedRequest = { batch: TraceBatch } | { error: PipelineError };

const MIB = 1024 * 1024;
const SUCCESS = asBuffer(encodeExportResponseProto());

/** The TraceService with the codec as (de)serializer; `decode` is the intake's, which checks the span limit first. */
const traceServiceDefinition = (decode: (bytes: Buffer) => TraceBatch): ServiceDefinition => ({
  Export: {
    path: TRACE_SERVICE_EXPORT_PATH,
    requestStream: false,
    responseStream: false,
    requestDeserialize: (bytes: Buffer): DecodedRequest => {
      try {
        return { batch: decode(bytes) };
      } catch (e) {
        return { error: asDecodeError(e) };
      }
    },
    requestSerialize: (r: DecodedRequest) => ('batch' in r ? asBuffer(encodeOtlpProto(r.batch)) : Buffer.alloc(0)),
    responseSerialize: (bytes: Uint8Array) => asBuffer(bytes),
    responseDeserialize: (bytes: Buffer) => bytes,
  },
});

/** The gRPC error for a refusal; retryable ones carry google.rpc.Status + RetryInfo in `grpc-status-details-bin`. */
function grpcError(err: PipelineError): { code: number; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  const status = rpcStatusOf(err);
  if (status.retryDelayMillis !== undefined) metadata.set('grpc-status-details-bin', asBuffer(encodeRpcStatusProto(status)));
  return { code: grpcCodeOf(err), details: err.message, metadata };
}

export interface OtlpGrpcServer {
  /** Listens (with TLS when configured); with an authenticator, calls it refuses end UNAUTHENTICATED. */
  listen(authenticator?: HttpAuthenticator, tenancy?: Tenancy): Promise<void>;
  close(): Promise<void>;
  /** `host:port` once listening. */
  address(): string;
}

export function createOtlpGrpcServer(config: OtlpGrpcConfig, intake: Intake, logger?: Logger): OtlpGrpcServer {
  let server: Server | undefined;
  let security: GrpcServerSecurity | undefined;
  let bound = '';

  let tenancy: Tenancy | undefined;

  async function handle(call: ServerUnaryCall<DecodedRequest, Uint8Array>, callback: sendUnaryData<Uint8Array>): Promise<void> {
    const req = call.request;
    if ('error' in req) {
      intake.refused('grpc', req.error);
      callback(grpcError(req.error));
      return;
    }
    try {
      // The interceptor has admitted the tenant the metadata names (grpcServerSecurity).
      await intake.accept(stampTenant(req.batch, metadataTenant(call.metadata, tenancy)), 'grpc');
    } catch (e) {
      callback(grpcError(asPipelineError(e)));
      return;
    }
    callback(null, SUCCESS);
  }

  return {
    async listen(authenticator, hostTenancy) {
      // The server is made here: its interceptors depend on the authenticator and tenancy the host hands over at start.
      tenancy = hostTenancy;
      security = grpcServerSecurity({ ...(config.tls ? { tls: config.tls } : {}), ...(authenticator ? { authenticator } : {}), ...(tenancy ? { tenancy } : {}), ...(logger ? { logger } : {}) });
      const s = new Server({ 'grpc.max_receive_message_length': config.max_recv_msg_size_mib * MIB, interceptors: security.interceptors });
      s.addService(traceServiceDefinition((bytes) => intake.decodeProto(bytes, 'grpc')), {
        Export: (call: ServerUnaryCall<DecodedRequest, Uint8Array>, callback: sendUnaryData<Uint8Array>) => void handle(call, callback),
      });
      server = s;
      const { host, port } = parseEndpoint(config.endpoint);
      const hostPart = host.includes(':') ? `[${host}]` : host;
      const credentials = security.credentials;
      let actual: number;
      try {
        actual = await new Promise<number>((resolve, reject) => {
          s.bindAsync(`${hostPart}:${port}`, credentials, (e, p) => (e ? reject(e) : resolve(p)));
        });
      } catch (e) {
        security.close();
        throw e;
      }
      bound = `${hostPart}:${actual}`;
    },
    async close() {
      security?.close();
      const s = server;
      if (!s) return;
      await shutdownGrpcServer(s);
    },
    address: () => bound,
  };
}
