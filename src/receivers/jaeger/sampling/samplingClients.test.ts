// The sampling endpoint against real clients: jaeger-client's RemoteSampler and @opentelemetry/sampler-jaeger-remote
// poll GET /sampling; a @grpc/grpc-js client calls SamplingManager/GetSamplingStrategy. Plus the answers Jaeger gives
// to a missing service and on the legacy route.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { context, SpanKind } from '@opentelemetry/api';
import { AlwaysOffSampler, SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { JaegerRemoteSampler } from '@opentelemetry/sampler-jaeger-remote';
import jaeger from 'jaeger-client';
import { SAMPLING_GET_STRATEGY_PATH, SamplingStrategyParametersType, SamplingStrategyResponseType } from '../../../codecs/jaeger/jaegerProto.js';
import { createCollectingConsumer } from '../../../../test/receivers/zipkin/testReceiver.js';
import { eventually, startTestJaegerReceiver, type TestJaegerReceiver } from '../../../../test/receivers/jaeger/testJaegerReceiver.js';

const STRATEGIES = {
  default_strategy: { type: 'probabilistic', param: 0.2 },
  service_strategies: [
    { service: 'checkout', type: 'probabilistic', param: 1 },
    { service: 'search', type: 'ratelimiting', param: 7 },
    { service: 'payments', type: 'probabilistic', param: 1, operation_strategies: [{ operation: '/health', type: 'probabilistic', param: 0 }] },
  ],
};

async function withSampling(run: (r: TestJaegerReceiver) => Promise<void>): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'spanbridge-sampling-')), 'strategies.json');
  writeFileSync(file, JSON.stringify(STRATEGIES));
  const r = await startTestJaegerReceiver(createCollectingConsumer(), { remote_sampling: { endpoint: '127.0.0.1:0', strategy_file: file } });
  try {
    await run(r);
  } finally {
    await r.close();
  }
}

interface JaegerSampler {
  name(): string;
  samplingRate?: number;
  maxTracesPerSecond?: number;
}
type RemoteSamplerClass = new (service: string, options: { hostPort: string; refreshInterval: number; logger: unknown; onSamplerUpdate: (s: JaegerSampler) => void }) => { close(cb?: () => void): void };
const RemoteSampler = (jaeger as unknown as { RemoteSampler: RemoteSamplerClass }).RemoteSampler;

/** The sampler jaeger-client's RemoteSampler builds from its first successful poll. */
async function jaegerClientSampler(hostPort: string, service: string): Promise<JaegerSampler> {
  let sampler: InstanceType<RemoteSamplerClass> | undefined;
  const updated = new Promise<JaegerSampler>((resolve) => {
    sampler = new RemoteSampler(service, { hostPort, refreshInterval: 20, logger: { info: () => undefined, error: () => undefined }, onSamplerUpdate: resolve });
  });
  try {
    return await updated;
  } finally {
    sampler?.close();
  }
}

/**
 * An OpenTelemetry JaegerRemoteSampler polling every few milliseconds, for the duration of `run`. It starts an
 * interval it never stops, so the interval is caught and cleared afterwards.
 */
async function withOtelSampler(endpoint: string, serviceName: string, run: (s: JaegerRemoteSampler) => Promise<void>): Promise<void> {
  const realSetInterval = globalThis.setInterval;
  let handle: ReturnType<typeof setInterval> | undefined;
  globalThis.setInterval = ((fn: () => void, ms: number) => (handle = realSetInterval(fn, ms))) as typeof setInterval;
  let sampler: JaegerRemoteSampler;
  try {
    sampler = new JaegerRemoteSampler({ endpoint, serviceName, poolingInterval: 10, initialSampler: new AlwaysOffSampler() });
  } finally {
    globalThis.setInterval = realSetInterval;
  }
  try {
    await run(sampler);
  } finally {
    clearInterval(handle);
  }
}

const decide = (s: JaegerRemoteSampler, name: string) => s.shouldSample(context.active(), '0af7651916cd43dd8448eb211c80319c', name, SpanKind.SERVER, {}, []).decision;

void describe('remote sampling with real clients', () => {
  void test("jaeger-client's RemoteSampler builds the strategy of its service from GET /sampling", async () => {
    await withSampling(async (r) => {
      const hostPort = r.endpoints.remote_sampling ?? '';
      const checkout = await jaegerClientSampler(hostPort, 'checkout');
      assert.deepEqual([checkout.name(), checkout.samplingRate], ['ProbabilisticSampler', 1]);
      const search = await jaegerClientSampler(hostPort, 'search');
      assert.deepEqual([search.name(), search.maxTracesPerSecond], ['RateLimitingSampler', 7]);
      assert.equal((await jaegerClientSampler(hostPort, 'payments')).name(), 'PerOperationSampler');
      const other = await jaegerClientSampler(hostPort, 'unlisted');
      assert.deepEqual([other.name(), other.samplingRate], ['ProbabilisticSampler', 0.2], 'a service not in the file gets the default');
    });
  });

  void test('@opentelemetry/sampler-jaeger-remote samples by the strategy it fetched, per operation', async () => {
    await withSampling(async (r) => {
      const endpoint = `http://${r.endpoints.remote_sampling}`;
      await withOtelSampler(endpoint, 'checkout', async (checkout) => {
        assert.equal(decide(checkout, 'GET /cart'), SamplingDecision.NOT_RECORD, 'the initial sampler samples nothing');
        await eventually(() => decide(checkout, 'GET /cart') === SamplingDecision.RECORD_AND_SAMPLED, 'rate 1 from the file samples every trace');
      });
      await withOtelSampler(endpoint, 'payments', async (payments) => {
        await eventually(() => decide(payments, 'POST /charge') === SamplingDecision.RECORD_AND_SAMPLED, 'the fetched strategy is in force');
        assert.equal(decide(payments, '/health'), SamplingDecision.NOT_RECORD, 'the operation strategy applies');
      });
    });
  });

  void test('GET /sampling and / answer Jaeger JSON; a missing service is a 400', async () => {
    await withSampling(async (r) => {
      const base = `http://${r.endpoints.remote_sampling}`;
      const sampling = await fetch(`${base}/sampling?service=search`);
      assert.match(sampling.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await sampling.json(), { strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 7 } });
      assert.deepEqual(await (await fetch(`${base}/?service=checkout`)).json(), { strategyType: 0, probabilisticSampling: { samplingRate: 1 } });
      for (const path of ['/sampling', '/sampling?service=a&service=b', '/']) {
        const res = await fetch(`${base}${path}`);
        assert.equal(res.status, 400, path);
        assert.equal(await res.text(), "'service' parameter must be provided once");
      }
    });
  });

  void test('SamplingManager/GetSamplingStrategy on the gRPC port', async () => {
    await withSampling(async (r) => {
      const client = new Client(r.endpoints.grpc ?? '', credentials.createInsecure());
      try {
        const request = SamplingStrategyParametersType.encode(SamplingStrategyParametersType.fromObject({ serviceName: 'payments' })).finish();
        const bytes = await new Promise<Buffer>((resolve, reject) => {
          client.makeUnaryRequest(SAMPLING_GET_STRATEGY_PATH, (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, request, new Metadata(), (err, res) => (err || res === undefined ? reject(err) : resolve(res)));
        });
        const response = SamplingStrategyResponseType.toObject(SamplingStrategyResponseType.decode(bytes), { enums: String, defaults: true });
        assert.equal(response.strategyType, 'PROBABILISTIC');
        assert.equal(response.probabilisticSampling.samplingRate, 1);
        assert.deepEqual(response.operationSampling.perOperationStrategies, [{ operation: '/health', probabilisticSampling: { samplingRate: 0 } }]);
      } finally {
        client.close();
      }
    });
  });
});
