import { hexToBytes } from '../../model/ids.js';
import { murmur3x86_32 } from './murmur3.js';

// The Collector's hash_seed mode (probabilisticsamplerprocessor, sampler_mode.go): the trace id's hash is cut to 14
// bits (16384 buckets) and compared with the percentage scaled to buckets.
const HASH_BUCKETS = 0x4000;
const BUCKET_MASK = HASH_BUCKETS - 1;

/**
 * Buckets kept for a percentage: `uint32(pct * 163.84)` computed in float32 and truncated, as the Collector does
 * (`scaledSamplerate`), so equal settings keep exactly the same buckets. Values above 100 keep all.
 */
export function scaledSamplingRate(samplingPercentage: number): number {
  const pct = Math.min(Math.max(samplingPercentage, 0), 100);
  return Math.trunc(Math.fround(Math.fround(pct) * Math.fround(HASH_BUCKETS / 100)));
}

/**
 * A pure decision by trace id: every span of a trace, in every instance with the same seed and percentage, gets the
 * same answer. The hash is MurmurHash3 x86_32 of the 16 trace-id bytes with the seed.
 */
export function createTraceIdSampler(samplingPercentage: number, hashSeed: number): (traceId: string) => boolean {
  const rate = scaledSamplingRate(samplingPercentage);
  if (rate === 0) return () => false;
  if (rate === HASH_BUCKETS) return () => true;
  return (traceId) => (murmur3x86_32(hexToBytes(traceId), hashSeed) & BUCKET_MASK) < rate;
}
