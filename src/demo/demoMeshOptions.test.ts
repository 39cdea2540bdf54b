import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../errors.js';
import { resolveDemoOptions, type DemoMeshOptions } from './demoMeshOptions.js';

const base: DemoMeshOptions = { zipkinUrl: 'http://127.0.0.1:9411/api/v2/spans', otlpUrl: 'http://127.0.0.1:4318/v1/traces', logger: pino({ level: 'silent' }) };

describe('resolveDemoOptions', () => {
  test('fills the documented defaults', () => {
    const { logger: _logger, ...resolved } = resolveDemoOptions(base);
    assert.deepEqual(resolved, {
      zipkinUrl: base.zipkinUrl,
      otlpUrl: base.otlpUrl,
      mesh: 'istio',
      rate: 5,
      errorRate: 0,
      delayMillis: 0,
      sampling: 100,
      flushIntervalMillis: 1000,
      progressIntervalMillis: 1000,
    });
  });

  test('bad options are SB_CONFIG errors naming the option', () => {
    const cases: Array<[Partial<DemoMeshOptions>, RegExp]> = [
      [{ rate: 0 }, /demo rate: 0 is out of range/],
      [{ errorRate: -0.1 }, /demo errorRate/],
      [{ sampling: 150 }, /demo sampling/],
      [{ durationMillis: Number.NaN }, /demo durationMillis/],
      [{ zipkinUrl: 'not a url' }, /demo zipkinUrl: "not a url" is not a URL/],
      [{ otlpUrl: 'file:///tmp/x' }, /demo otlpUrl: .* is not an http\(s\) URL/],
      [{ mesh: 'linkerd' as 'istio' }, /demo mesh: "linkerd"/],
    ];
    for (const [override, message] of cases) {
      assert.throws(
        () => resolveDemoOptions({ ...base, ...override }),
        (e: unknown) => e instanceof PipelineError && e.code === 'SB_CONFIG' && message.test(e.message),
      );
    }
  });
});
