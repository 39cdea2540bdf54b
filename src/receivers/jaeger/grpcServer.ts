// Jaeger's gRPC port (14250): api_v2 `CollectorService/PostSpans`, what jaeger-agent and the Jaeger gRPC exporters
// send, and, with remote_sampling, `SamplingManager/GetSamplingStrategy`. Methods are defined by hand with the codec
// as (de)serializer, as the OTLP receiver does; a request that cannot be decoded travels to the handler as a value so
// it is answered INVALID_ARGUMENT naming the problem rather than INTERNAL.
import { Server, status as GrpcStatus, type ServerUnaryCall, type ServiceDefinition, type sendUnaryData } from '@grpc/grpc-js';
import { decodeJaegerPostSpans } from '../../codecs/jaeger/decodeJaegerProto.js';
import { jaegerBatchToModel, type JaegerDecodeResult } from '../../codecs/jaeger/jaegerBatchToModel.js';
import { COLLECTOR_POST_SPANS_PATH, PostSpansResponseType, SAMPLING_GET_STRATEGY_PATH, SamplingStrategyParametersType, SamplingStrategyResponseType } from '../../codecs/jaeger/jaegerProto.js';
import { parseEndpoint } from '../../config/endpoint.js';
import { asDecodeError, asPipelineError, type PipelineError } from '../../errors.js';
import { metadataTenant, stampTenant, type Tenancy } from '../../http/tenancy.js';
import { shutdownGrpcServer } from '../../http/grpcShutdown.js';
import { grpcServerSecurity, type GrpcServerSecurity } from '../../http/grpcServerSecurity.js';
import type { Logger } from 'pino';
import { grpcCodeOf } from '../otlp/refusal.js';
import type { JaegerGrpcConfig } from './config.js';
import type { JaegerIntake } from './intake.js';
import type { ListeningServer } from './listeningServer.js';
import { strategyToJson } from './sampling/samplingStrategy.js';
import type { StrategyStore } from './sampling/strategyStore.js';

type Decoded<T> = { value: T } | { error: PipelineError };

const MIB = 1024 * 1024;
const POST_SPANS_OK = Buffer.from(PostSpansResponseType.encode(PostSpansResponseType.create({})).finish());
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function decoding<T>(decode: (bytes: Buffer) => T): (bytes: Buffer) => Decoded<T> {
  return (bytes) => {
    try {
      return { value: decode(bytes) };
    } catch (e) {
      return { error: asDecodeError(e) };
    }
  };
}

const collectorService: ServiceDefinition = {
  PostSpans: {
    path: COLLECTOR_POST_SPANS_PATH,
    requestStream: false,
    responseStream: false,
    requestDeserialize: decoding((bytes) => jaegerBatchToModel(decodeJaegerPostSpans(bytes))),
    requestSerialize: () => Buffer.alloc(0),
    responseSerialize: (bytes: Buffer) => bytes,
    responseDeserialize: (bytes: Buffer) => bytes,
  },
};

const samplingManager: ServiceDefinition = {
  GetSamplingStrategy: {
    path: SAMPLING_GET_STRATEGY_PATH,
    requestStream: false,
    responseStream: false,
    requestDeserialize: decoding((bytes) => (SamplingStrategyParametersType.decode(bytes) as unknown as { serviceName?: string }).serviceName ?? ''),
    requestSerialize: () => Buffer.alloc(0),
    responseSerialize: (bytes: Buffer) => bytes,
    responseDeserialize: (bytes: Buffer) => bytes,
  },
};

export function createJaegerGrpcServer(config: JaegerGrpcConfig, intake: JaegerIntake, strategies: StrategyStore | undefined, logger?: Logger): ListeningServer {
  let server: Server | undefined;
  let security: GrpcServerSecurity | undefined;
  let bound = '';
  let tenancy: Tenancy | undefined;

  async function postSpans(call: ServerUnaryCall<Decoded<JaegerDecodeResult>, Buffer>, callback: sendUnaryData<Buffer>): Promise<void> {
    const req = call.request;
    if ('error' in req) {
      intake.refused('grpc', req.error);
      callback({ code: grpcCodeOf(req.error), details: req.error.message });
      return;
    }
    try {
      // The interceptor has admitted the tenant the metadata names (grpcServerSecurity).
      stampTenant(req.value.batch, metadataTenant(call.metadata, tenancy));
      await intake.accept(req.value, 'grpc');
    } catch (e) {
      const err = asPipelineError(e);
      callback({ code: grpcCodeOf(err), details: err.message });
      return;
    }
    callback(null, POST_SPANS_OK);
  }

  return {
    async listen(authenticator, hostTenancy) {
      // The server is made here: its interceptors depend on the authenticator and tenancy the host hands over at start.
      tenancy = hostTenancy;
      security = grpcServerSecurity({ ...(config.tls ? { tls: config.tls } : {}), ...(authenticator ? { authenticator } : {}), ...(tenancy ? { tenancy } : {}), ...(logger ? { logger } : {}) });
      const s = new Server({ 'grpc.max_receive_message_length': config.max_recv_msg_size_mib * MIB, interceptors: security.interceptors });
      s.addService(collectorService, {
        PostSpans: (call: ServerUnaryCall<Decoded<JaegerDecodeResult>, Buffer>, callback: sendUnaryData<Buffer>) => void postSpans(call, callback),
      });
      if (strategies !== undefined) {
        s.addService(samplingManager, {
          GetSamplingStrategy: (call: ServerUnaryCall<Decoded<string>, Buffer>, callback: sendUnaryData<Buffer>) => {
            const req = call.request;
            if ('error' in req) {
              callback({ code: GrpcStatus.INVALID_ARGUMENT, details: req.error.message });
              return;
            }
            const strategy = strategyToJson(strategies.strategyFor(req.value));
            callback(null, asBuffer(SamplingStrategyResponseType.encode(SamplingStrategyResponseType.fromObject(strategy)).finish()));
          },
        });
      }
      server = s;
      const { host, port } = parseEndpoint(config.endpoint);
      const hostPart = host.includes(':') ? `[${host}]` : host;
      const credentials = security.credentials;
      try {
        const actual = await new Promise<number>((resolve, reject) => {
          s.bindAsync(`${hostPart}:${port}`, credentials, (e, p) => (e ? reject(e) : resolve(p)));
        });
        bound = `${hostPart}:${actual}`;
      } catch (e) {
        security.close();
        throw e;
      }
    },
    async close() {
      security?.close();
      const s = server;
      server = undefined;
      if (!s) return;
      await shutdownGrpcServer(s);
    },
    address: () => bound,
  };
}
