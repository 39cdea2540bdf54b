// Test support: a zipkin receiver on 127.0.0.1:0 with its config defaulted by the factory's schema, and a consumer
// that collects what it is handed.
import { Ajv } from 'ajv';
import { pino } from 'pino';
import { countSpans } from '../../../src/model/batch.js';
import type { TraceBatch } from '../../../src/model/span.js';
import type { Consumer } from '../../../src/pipeline/component.js';
import { createTelemetry, type Telemetry } from '../../../src/telemetry/telemetry.js';
import type { ZipkinReceiverConfig } from '../../../src/receivers/zipkin/config.js';
import { zipkinReceiverFactory } from '../../../src/receivers/zipkin/factory.js';
import { createZipkinReceiver, type ZipkinReceiverOptions } from '../../../src/receivers/zipkin/zipkinReceiver.js';

export interface CollectingConsumer extends Consumer {
  readonly batches: TraceBatch[];
  /** Resolves once at least `spans` spans have arrived in total. */
  waitForSpans(spans: number): Promise<TraceBatch[]>;
}

export function createCollectingConsumer(): CollectingConsumer {
  const batches: TraceBatch[] = [];
  const waiters: Array<{ spans: number; resolve: (b: TraceBatch[]) => void }> = [];
  const total = () => batches.reduce((n, b) => n + countSpans(b), 0);
  return {
    batches,
    async consume(batch) {
      batches.push(batch);
      for (const w of [...waiters]) {
        if (total() >= w.spans) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(batches);
        }
      }
    },
    waitForSpans(spans) {
      if (total() >= spans) return Promise.resolve(batches);
      return new Promise((resolve) => waiters.push({ spans, resolve }));
    },
  };
}

/** The receiver config with every default filled in, as the config loader would give it. */
export function zipkinReceiverTestConfig(overrides: Partial<ZipkinReceiverConfig> = {}): ZipkinReceiverConfig {
  const config: Record<string, unknown> = { endpoint: '127.0.0.1:0', ...overrides };
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(zipkinReceiverFactory.configSchema);
  if (!validate(config)) throw new Error(`invalid test config: ${JSON.stringify(validate.errors)}`);
  return config as unknown as ZipkinReceiverConfig;
}

export interface TestReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  telemetry: Telemetry;
  close(): Promise<void>;
}

export async function startTestReceiver(next: Consumer, overrides: Partial<ZipkinReceiverConfig> = {}, options?: ZipkinReceiverOptions): Promise<TestReceiver> {
  const telemetry = createTelemetry();
  const receiver = createZipkinReceiver({ id: 'zipkin', logger: pino({ level: 'silent' }), telemetry }, zipkinReceiverTestConfig(overrides), next, options);
  await receiver.start({ logger: pino({ level: 'silent' }), telemetry });
  return { url: `http://${receiver.endpoints?.().http ?? ''}`, telemetry, close: () => receiver.shutdown() };
}
