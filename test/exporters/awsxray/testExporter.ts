// Test support: awsxray exporter configs defaulted by the factory's schema (with fast retries and no queue, so
// `consume` resolves once delivered), and a scripted stand-in for the X-Ray service's PutTraceSegments, for the answers
// a local X-Ray API never gives (throttling of single documents).
import { Ajv } from 'ajv';
import Fastify from 'fastify';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Exporter } from '../../../src/pipeline/component.js';
import { createTelemetry } from '../../../src/telemetry/telemetry.js';
import type { Telemetry } from '../../../src/telemetry/telemetry.js';
import { createAwsXrayExporter } from '../../../src/exporters/awsxray/awsxrayExporter.js';
import type { AwsXrayExporterConfig } from '../../../src/exporters/awsxray/config.js';
import { awsXrayExporterFactory } from '../../../src/exporters/awsxray/factory.js';

export const FAST_RETRY = { enabled: true, initial_interval: '1ms', randomization_factor: 0, multiplier: 2, max_interval: '4ms', max_elapsed_time: '5s' };

export function awsXrayExporterTestConfig(overrides: Record<string, unknown>): AwsXrayExporterConfig {
  const config: Record<string, unknown> = { aws_access_key_id: 'AKIDSPANBRIDGETEST', aws_secret_access_key: 'spanbridge-test-secret', sending_queue: { enabled: false }, retry_on_failure: FAST_RETRY, ...overrides };
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(awsXrayExporterFactory.configSchema);
  if (!validate(config)) throw new Error(`invalid test config: ${JSON.stringify(validate.errors)}`);
  return config as unknown as AwsXrayExporterConfig;
}

export interface TestExporter {
  exporter: Exporter;
  telemetry: Telemetry;
  /** The exporter's id in telemetry labels. */
  id: string;
}

export async function startTestExporter(overrides: Record<string, unknown>, options: { id?: string; logger?: Logger; now?: () => number } = {}): Promise<TestExporter> {
  const telemetry = createTelemetry();
  const logger = options.logger ?? pino({ level: 'silent' });
  const id = options.id ?? 'awsxray';
  const exporter = createAwsXrayExporter({ id, logger, telemetry }, awsXrayExporterTestConfig(overrides), options.now === undefined ? {} : { now: options.now });
  await exporter.start({ logger, telemetry });
  return { exporter, telemetry, id };
}

export async function counter(telemetry: Telemetry, name: string): Promise<number> {
  const m = (await telemetry.registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (m?.values ?? []).reduce((n, v) => n + v.value, 0);
}

/** One answer of the scripted endpoint: a status and a JSON body (an error type goes in x-amzn-errortype). */
export interface ScriptedAnswer {
  status: number;
  body: Record<string, unknown>;
  errorType?: string;
}

export interface ScriptedXray {
  url: string;
  /** The documents of each PutTraceSegments call, in order. */
  calls: string[][];
  close(): Promise<void>;
}

/** POST /TraceSegments answered by `script(documents, callIndex)`. */
export async function startScriptedXray(script: (documents: string[], call: number) => ScriptedAnswer): Promise<ScriptedXray> {
  const app = Fastify({ logger: false });
  const calls: string[][] = [];
  app.post('/TraceSegments', async (request, reply) => {
    const documents = ((request.body ?? {}) as { TraceSegmentDocuments?: string[] }).TraceSegmentDocuments ?? [];
    calls.push(documents);
    const answer = script(documents, calls.length - 1);
    if (answer.errorType !== undefined) void reply.header('x-amzn-errortype', answer.errorType);
    return reply.code(answer.status).type('application/json').send(JSON.stringify(answer.body));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const a = app.server.address();
  const port = a !== null && typeof a === 'object' ? a.port : 0;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => app.close() };
}
