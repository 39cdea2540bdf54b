// Test support: an awsxray receiver on 127.0.0.1 (free UDP and TCP ports) with its config defaulted by the factory's
// schema, and the host it is started with.
import { Ajv } from 'ajv';
import { pino } from 'pino';
import { countSpans } from '../../../src/model/batch.js';
import type { TraceBatch } from '../../../src/model/span.js';
import type { Consumer } from '../../../src/pipeline/component.js';
import type { TraceStore } from '../../../src/store/store.js';
import { createTelemetry, type Telemetry } from '../../../src/telemetry/telemetry.js';
import { createAwsXrayReceiver } from '../../../src/receivers/awsxray/awsxrayReceiver.js';
import type { AwsXrayReceiverConfig } from '../../../src/receivers/awsxray/config.js';
import { awsXrayReceiverFactory } from '../../../src/receivers/awsxray/factory.js';

export interface CollectingConsumer extends Consumer {
  readonly batches: TraceBatch[];
  /** Resolves once at least `spans` spans have arrived in total. */
  waitForSpans(spans: number): Promise<TraceBatch[]>;
}

/** A consumer that keeps what it is handed. */
export function createCollectingConsumer(): CollectingConsumer {
  const batches: TraceBatch[] = [];
  const waiters: Array<{ spans: number; resolve: (b: TraceBatch[]) => void }> = [];
  let total = 0;
  return {
    batches,
    async consume(batch) {
      batches.push(batch);
      total += countSpans(batch);
      for (const w of waiters.filter((x) => total >= x.spans)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(batches);
      }
    },
    waitForSpans(spans) {
      if (total >= spans) return Promise.resolve(batches);
      return new Promise((resolve) => waiters.push({ spans, resolve }));
    },
  };
}

/** The receiver config with every default filled in, as the config loader would give it. */
export function awsXrayReceiverTestConfig(overrides: Record<string, unknown> = {}): AwsXrayReceiverConfig {
  const config: Record<string, unknown> = { endpoint: '127.0.0.1:0', ...overrides, api: { endpoint: '127.0.0.1:0', ...(overrides.api as object | undefined) } };
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(awsXrayReceiverFactory.configSchema);
  if (!validate(config)) throw new Error(`invalid test config: ${JSON.stringify(validate.errors)}`);
  return config as unknown as AwsXrayReceiverConfig;
}

export interface TestAwsXrayReceiver {
  udpHost: string;
  udpPort: number;
  /** `http://127.0.0.1:<port>` of the X-Ray API. */
  apiUrl: string;
  apiPort: number;
  telemetry: Telemetry;
  close(): Promise<void>;
}

export async function startTestAwsXrayReceiver(next: Consumer, overrides: Record<string, unknown> = {}, store?: TraceStore): Promise<TestAwsXrayReceiver> {
  const telemetry = createTelemetry();
  const logger = pino({ level: 'silent' });
  const receiver = createAwsXrayReceiver({ id: 'awsxray', logger, telemetry }, awsXrayReceiverTestConfig(overrides), next);
  await receiver.start({ logger, telemetry, ...(store === undefined ? {} : { store }) });
  const endpoints = receiver.endpoints?.() ?? {};
  const udp = endpoints.udp ?? '';
  const api = endpoints.http ?? '';
  return {
    udpHost: udp.slice(0, udp.lastIndexOf(':')),
    udpPort: Number(udp.slice(udp.lastIndexOf(':') + 1)),
    apiUrl: `http://${api}`,
    apiPort: Number(api.slice(api.lastIndexOf(':') + 1)),
    telemetry,
    close: () => receiver.shutdown(),
  };
}
