// Test support (used by this folder's tests and the OTLP exporters' tests): an `otlp` receiver on 127.0.0.1 port 0
// with its config defaulted by the factory's schema, a consumer that keeps what it gets, and counter readers.
import { Ajv } from 'ajv';
import { pino } from 'pino';
import type { TraceBatch } from '../../../src/model/span.js';
import type { ConfigSchema, Consumer, Receiver } from '../../../src/pipeline/component.js';
import { createTelemetry, type Telemetry } from '../../../src/telemetry/telemetry.js';
import type { OtlpReceiverConfig } from '../../../src/receivers/otlp/config.js';
import { otlpReceiverFactory } from '../../../src/receivers/otlp/factory.js';

export interface TestReceiver {
  receiver: Receiver;
  telemetry: Telemetry;
  /** Batches handed to the consumer, in order. */
  received: TraceBatch[];
  /** Makes the consumer refuse with `error` (until set back to undefined). */
  failWith(error: Error | undefined): void;
  grpcAddress: string;
  /** `http://127.0.0.1:<port>` */
  httpBaseUrl: string;
  /** A counter's value from the Prometheus text of telemetry.registry.metrics(), 0 when absent. */
  counter(name: string, labels: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

const ajv = new Ajv({ useDefaults: true, coerceTypes: true, strict: false, allErrors: true });

/** A config validated and defaulted by a component schema the way config loading does, so tests run what users get. */
export function withSchemaDefaults<T>(schema: ConfigSchema, raw: unknown): T {
  const cfg = structuredClone(raw);
  const validate = ajv.compile(schema);
  if (!validate(cfg)) throw new Error(`invalid config: ${JSON.stringify(validate.errors)}`);
  return cfg as T;
}

export function defaultedOtlpConfig(raw: unknown): OtlpReceiverConfig {
  return withSchemaDefaults<OtlpReceiverConfig>(otlpReceiverFactory.configSchema, raw);
}

export async function startTestReceiver(options: { config?: Record<string, unknown>; id?: string } = {}): Promise<TestReceiver> {
  const telemetry = createTelemetry();
  const received: TraceBatch[] = [];
  let failure: Error | undefined;
  const consumer: Consumer = {
    async consume(batch) {
      if (failure) throw failure;
      received.push(batch);
    },
  };
  const config = defaultedOtlpConfig(options.config ?? { protocols: { grpc: { endpoint: '127.0.0.1:0' }, http: { endpoint: '127.0.0.1:0' } } });
  const logger = pino({ level: 'silent' });
  const id = options.id ?? 'otlp';
  const receiver = otlpReceiverFactory.createReceiver({ id, logger, telemetry }, config, consumer);
  await receiver.start({ logger, telemetry });
  const endpoints = receiver.endpoints?.() ?? {};
  return {
    receiver,
    telemetry,
    received,
    failWith: (e) => {
      failure = e;
    },
    grpcAddress: endpoints.grpc ?? '',
    httpBaseUrl: endpoints.http ? `http://${endpoints.http}` : '',
    async counter(name, labels) {
      const text = await telemetry.registry.metrics();
      const want = Object.entries({ receiver: id, ...labels });
      for (const line of text.split('\n')) {
        if (!line.startsWith(`${name}{`)) continue;
        const labelText = line.slice(name.length + 1, line.indexOf('}'));
        if (want.every(([k, v]) => labelText.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
      }
      return 0;
    },
    close: () => receiver.shutdown(),
  };
}
