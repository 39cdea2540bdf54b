import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_STRATEGIES, parseStrategies } from './parseStrategies.js';
import { strategyToJson, strategyToLegacyJson } from './samplingStrategy.js';

// The example of Jaeger's sampling documentation ("Collector sampling configuration", file-based), with operation
// strategies added to the default so the inheritance rules show.
const FILE = JSON.stringify({
  service_strategies: [
    { service: 'foo', type: 'probabilistic', param: 0.8, operation_strategies: [{ operation: 'op1', type: 'probabilistic', param: 0.2 }, { operation: 'op2', type: 'probabilistic', param: 0.4 }, { operation: 'op3', type: 'ratelimiting', param: 5 }] },
    { service: 'bar', type: 'ratelimiting', param: 5.9 },
    { service: 'baz', type: 'probabilistic', param: 0.3 },
    { service: 'odd', type: 'adaptive', param: 0.7 },
  ],
  default_strategy: { type: 'probabilistic', param: 0.5, operation_strategies: [{ operation: '/health', type: 'probabilistic', param: 0.0 }, { operation: 'op1', type: 'probabilistic', param: 0.9 }] },
});

void describe('sampling strategies file', () => {
  void test('without a file every service gets probabilistic 0.001, as Jaeger serves', () => {
    assert.deepEqual(strategyToJson(DEFAULT_STRATEGIES.defaultStrategy), { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.001 } });
    assert.deepEqual(strategyToLegacyJson(DEFAULT_STRATEGIES.defaultStrategy), { strategyType: 0, probabilisticSampling: { samplingRate: 0.001 } });
  });

  void test("service and operation strategies, with the default's operations merged in", () => {
    const s = parseStrategies(FILE);
    assert.deepEqual(strategyToJson(s.serviceStrategies.get('foo')!), {
      strategyType: 'PROBABILISTIC',
      probabilisticSampling: { samplingRate: 0.8 },
      operationSampling: {
        defaultSamplingProbability: 0.8,
        defaultLowerBoundTracesPerSecond: 0,
        perOperationStrategies: [
          { operation: 'op1', probabilisticSampling: { samplingRate: 0.2 } },
          { operation: 'op2', probabilisticSampling: { samplingRate: 0.4 } },
          { operation: '/health', probabilisticSampling: { samplingRate: 0 } },
        ],
        defaultUpperBoundTracesPerSecond: 0,
      },
    }, 'op3 (rate limiting) is skipped; op1 keeps its own rate; /health comes from the default');
    const bar = s.serviceStrategies.get('bar')!;
    assert.deepEqual(bar.rateLimitingSampling, { maxTracesPerSecond: 5 }, 'the rate is an integer');
    assert.equal(bar.strategyType, 'RATE_LIMITING');
    assert.equal(strategyToLegacyJson(bar).strategyType, 1);
    assert.equal(bar.operationSampling?.defaultSamplingProbability, 0.5, "a rate-limited service inherits the default's operations and default rate");
    assert.equal(s.serviceStrategies.get('baz')?.operationSampling?.defaultSamplingProbability, 0.3, 'a probabilistic service keeps its own rate as the default');
    assert.deepEqual(s.serviceStrategies.get('odd')?.probabilisticSampling, { samplingRate: 0.001 }, 'an unknown type falls back to probabilistic 0.001');
    assert.equal(s.defaultStrategy.probabilisticSampling?.samplingRate, 0.5);
    assert.equal(s.serviceStrategies.has('unknown'), false);
  });

  void test('a file that is no strategies document is refused, naming the problem', () => {
    assert.throws(() => parseStrategies('{'), /^Error: not valid JSON/);
    assert.throws(() => parseStrategies(JSON.stringify({ service_strategies: [{ service: 'a', type: 'probabilistic', param: 'high' }] })), /strategies\.service_strategies\.0\.param/);
  });
});
