// One OTLP/gRPC export attempt (OTLP specification, "OTLP/gRPC"): a unary TraceService/Export call with the OTLP codec
// as serializer. Retryable status codes per the OTLP specification, "Failures": CANCELLED, DEADLINE_EXCEEDED, ABORTED,
// OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS, and RESOURCE_EXHAUSTED only when the server sent a google.rpc.RetryInfo (its
// delay is honoured, "OTLP/gRPC Throttling"); every other code is permanent.
import { readFileSync } from 'node:fs';
import { Client, Metadata, credentials, status, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { encodeOtlpProto } from '../../codecs/otlp/encodeOtlpProto.js';
import { decodeExportResponseProto, type ExportPartialSuccess } from '../../codecs/otlp/exportResponse.js';
import { decodeRpcStatusProto } from '../../codecs/otlp/rpcStatus.js';
import { TRACE_SERVICE_EXPORT_PATH, asBuffer } from '../../codecs/otlp/traceService.js';
import { PipelineError } from '../../errors.js';
import type { ComponentSettings } from '../../pipeline/component.js';
import type { Sender } from '../../pipeline/queuedExporter.js';
import { createRateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import { VERSION } from '../../version.js';
import type { OtlpGrpcExporterConfig } from './config.js';
import { grpcTarget } from './grpcTarget.js';

const RETRYABLE_CODES = new Set<number>([status.CANCELLED, status.DEADLINE_EXCEEDED, status.ABORTED, status.OUT_OF_RANGE, status.UNAVAILABLE, status.DATA_LOSS]);
/** grpc-js's compression algorithm ids (compression-algorithms.ts). */
const GZIP = 2;

/** The RetryInfo delay in a `grpc-status-details-bin` trailer, if the server sent one. */
function retryDelayOf(err: ServiceError): number | undefined {
  const raw = err.metadata?.get('grpc-status-details-bin')[0];
  if (!Buffer.isBuffer(raw)) return undefined;
  try {
    return decodeRpcStatusProto(raw).retryDelayMillis;
  } catch {
    return undefined;
  }
}

/** A failed call as a PipelineError whose kind follows the OTLP specification, "Failures". */
export function errorOfGrpcStatus(err: ServiceError, target: string): PipelineError {
  const name = status[err.code] ?? String(err.code);
  const message = `gRPC export to ${target} failed: ${name}: ${err.details}`;
  const retryDelay = retryDelayOf(err);
  if (RETRYABLE_CODES.has(err.code) || (err.code === status.RESOURCE_EXHAUSTED && retryDelay !== undefined)) {
    return new PipelineError('SB_EXPORT_FAILED', message, { retryAfterMillis: retryDelay, cause: err });
  }
  return new PipelineError('SB_EXPORT_REJECTED', message, { cause: err });
}

function channelCredentials(config: OtlpGrpcExporterConfig, secure: boolean): ChannelCredentials {
  if (!secure) return credentials.createInsecure();
  return credentials.createSsl(config.tls.ca_file ? readFileSync(config.tls.ca_file) : null);
}

export function createOtlpGrpcSender(settings: ComponentSettings, config: OtlpGrpcExporterConfig): Sender {
  const target = grpcTarget(config.endpoint, config.tls.insecure);
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(config.headers)) metadata.set(k.toLowerCase(), v);
  let client: Client | undefined;
  const partialLog = createRateLimitedLog(settings.logger);

  function onPartialSuccess(p: ExportPartialSuccess): void {
    if (p.rejectedSpans > 0) settings.telemetry.exporterFailed(settings.id, p.rejectedSpans);
    partialLog.warn({ exporter: settings.id, rejectedSpans: p.rejectedSpans, message: p.errorMessage }, 'OTLP server accepted the export only in part');
  }

  return {
    async start() {
      client = new Client(target.address, channelCredentials(config, target.secure), {
        'grpc.primary_user_agent': `spanbridge/${VERSION}`,
        ...(config.compression === 'gzip' ? { 'grpc.default_compression_algorithm': GZIP } : {}),
      });
    },
    send(batch, signal) {
      const c = client;
      if (!c) return Promise.reject(new PipelineError('SB_SHUTTING_DOWN', `exporter ${settings.id} is not started`));
      // Encoded before the call so a batch that cannot be encoded is a permanent error, not grpc-js's INTERNAL.
      const message = asBuffer(encodeOtlpProto(batch));
      return new Promise<void>((resolve, reject) => {
        if (signal.aborted) {
          reject(new PipelineError('SB_EXPORT_FAILED', `gRPC export to ${target.address} cancelled before it started`));
          return;
        }
        const call = c.makeUnaryRequest(
          TRACE_SERVICE_EXPORT_PATH,
          (m: Buffer) => m,
          (b: Buffer) => b,
          message,
          metadata.clone(),
          {},
          (err, response) => {
            signal.removeEventListener('abort', cancel);
            if (err) {
              reject(errorOfGrpcStatus(err, target.address));
              return;
            }
            try {
              const partial = response ? decodeExportResponseProto(response) : undefined;
              if (partial) onPartialSuccess(partial);
            } catch {
              // An unreadable response to a successful call is still a success.
            }
            resolve();
          },
        );
        function cancel(): void {
          call.cancel();
        }
        signal.addEventListener('abort', cancel, { once: true });
      });
    },
    async shutdown() {
      client?.close();
      client = undefined;
    },
  };
}
