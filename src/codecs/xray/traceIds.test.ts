import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { PipelineError } from '../../errors.js';
import { arbitraryTraceId } from '../../../test/model/arbitraries.js';
import { nanosToSeconds, secondsToNanos } from './times.js';
import { otelTraceIdToXray, xrayTraceIdToOtel } from './traceIds.js';

const malformed = (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED';

describe('x-ray trace ids', () => {
  test('the W3C example of the contrib README', () => {
    assert.equal(otelTraceIdToXray('4bf92f3577b34da6a3ce929d0e0e4736'), '1-4bf92f35-77b34da6a3ce929d0e0e4736');
    assert.equal(xrayTraceIdToOtel('1-4bf92f35-77b34da6a3ce929d0e0e4736'), '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(xrayTraceIdToOtel('1-4BF92F35-77B34DA6A3CE929D0E0E4736'), '4bf92f3577b34da6a3ce929d0e0e4736');
  });

  test('anything but the exact shapes is SB_MALFORMED', () => {
    for (const bad of ['', '4bf92f35', '4bf92f3577b34da6a3ce929d0e0e473g', '4bf92f3577b34da6a3ce929d0e0e47361']) assert.throws(() => otelTraceIdToXray(bad), malformed);
    for (const bad of ['2-4bf92f35-77b34da6a3ce929d0e0e4736', '1-4bf92f3577b34da6a3ce929d0e0e4736', '1-4bf92f35-77b34da6a3ce929d0e0e473', '1-0-77b34da6a3ce929d0e0e4736', '1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=1']) {
      assert.throws(() => xrayTraceIdToOtel(bad), malformed, bad);
    }
  });

  test('property: OpenTelemetry -> X-Ray -> OpenTelemetry is the identity', () => {
    fc.assert(fc.property(arbitraryTraceId(), (id) => xrayTraceIdToOtel(otelTraceIdToXray(id)) === id));
  });

  test('property: X-Ray -> OpenTelemetry -> X-Ray gives the lower-cased id', () => {
    const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`));
    fc.assert(fc.property(hex(8), hex(24), (epoch, random) => {
      const id = `1-${epoch}-${random}`;
      return otelTraceIdToXray(xrayTraceIdToOtel(id)) === id.toLowerCase();
    }));
  });
});

describe('x-ray times', () => {
  test('float seconds are read as the decimal the sender wrote', () => {
    assert.equal(secondsToNanos(1480615200.010), 1480615200010000000n);
    assert.equal(secondsToNanos(1.478293361271e9), 1478293361271000000n);
    assert.equal(secondsToNanos(1596566305.5928545), 1596566305592854500n);
    assert.equal(secondsToNanos(14782323361.271), 14782323361271000000n);
    assert.equal(secondsToNanos(0), 0n);
    assert.equal(secondsToNanos(1e-7), 100n);
    assert.equal(secondsToNanos(1.5e-9), 2n);
  });

  test('negative, non-finite and beyond-uint64 values are not times', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e20]) assert.equal(secondsToNanos(bad), undefined);
  });

  test('property: microsecond times survive nanos -> seconds -> nanos exactly', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 4_000_000_000_000_000n }), (micros) => secondsToNanos(nanosToSeconds(micros * 1000n)) === micros * 1000n));
  });

  test('property: any double read as nanos comes back as the same double when it has at most 9 decimals', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 0, max: 999_999 }), (s, us) => {
      const seconds = Number(`${s}.${String(us).padStart(6, '0')}`);
      const ns = secondsToNanos(seconds);
      return ns !== undefined && nanosToSeconds(ns) === seconds;
    }));
  });
});
