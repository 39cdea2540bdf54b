// Latency histograms with fixed log-scale buckets (one per edge and one-minute bucket), the
// same for every store so that minutes, hours and stores merge by adding counts. Bucket 0 holds latencies under
// 1 µs; bucket i >= 1 holds [2^((i-1)/4), 2^(i/4)) µs, so a reported percentile (the bucket's geometric middle) is
// within 9% of the true one. Bucket 255 also takes everything longer.

export const HISTOGRAM_BUCKETS = 256;

/** Counts by bucket (only non-empty buckets are present). */
export type LatencyHistogram = Map<number, number>;

const MAX_COUNT = 0xffff_ffff;

export function newHistogram(): LatencyHistogram {
  return new Map();
}

export function latencyBucket(nanos: bigint): number {
  if (nanos < 1000n) return 0;
  const i = Math.floor(4 * Math.log2(Number(nanos) / 1000)) + 1;
  return Math.min(i, HISTOGRAM_BUCKETS - 1);
}

/** The geometric middle of a bucket, in nanoseconds. */
export function bucketMiddleNanos(bucket: number): bigint {
  if (bucket <= 0) return 500n;
  return BigInt(Math.round(1000 * 2 ** ((bucket - 0.5) / 4)));
}

export function recordLatency(h: LatencyHistogram, nanos: bigint, count = 1): void {
  const i = latencyBucket(nanos);
  h.set(i, (h.get(i) ?? 0) + count);
}

/** Adds `from` into `into`. */
export function addHistogram(into: LatencyHistogram, from: LatencyHistogram): void {
  from.forEach((c, i) => into.set(i, (into.get(i) ?? 0) + c));
}

/**
 * Storage form: byte 0 = first non-empty bucket, byte 1 = last, then one little-endian uint32 count per bucket in
 * between (counts saturate at 2^32 - 1). An empty histogram is the two bytes [1, 0].
 */
export function encodeHistogram(h: LatencyHistogram): Buffer {
  let first = HISTOGRAM_BUCKETS;
  let last = -1;
  h.forEach((c, i) => {
    if (c <= 0) return;
    if (i < first) first = i;
    if (i > last) last = i;
  });
  if (last < 0) return Buffer.from([1, 0]);
  // From the shared pool, zeroed: cheaper than a buffer of its own for these small blobs.
  const out = Buffer.allocUnsafe(2 + 4 * (last - first + 1)).fill(0);
  out[0] = first;
  out[1] = last;
  h.forEach((c, i) => {
    if (c > 0) out.writeUInt32LE(Math.min(c, MAX_COUNT), 2 + 4 * (i - first));
  });
  return out;
}

/** Adds an encoded histogram into `into`; bytes that are not a histogram add nothing. */
export function addEncodedHistogram(into: LatencyHistogram, blob: Uint8Array): void {
  if (blob.length < 2) return;
  const first = blob[0] as number;
  const last = blob[1] as number;
  if (last < first || blob.length !== 2 + 4 * (last - first + 1)) return;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = first; i <= last; i++) {
    const c = view.getUint32(2 + 4 * (i - first), true);
    if (c > 0) into.set(i, (into.get(i) ?? 0) + c);
  }
}

/** The sum of two encoded histograms, encoded (for stores that merge in place, e.g. in an SQL upsert). */
export function mergeEncodedHistograms(a: Uint8Array, b: Uint8Array): Buffer {
  // The same as decoding both, adding and encoding, without the Map: it runs once per updated row.
  const aValid = isEncodedHistogram(a);
  const bValid = isEncodedHistogram(b);
  if (!aValid && !bValid) return Buffer.from([1, 0]);
  const first = Math.min(aValid ? (a[0] as number) : HISTOGRAM_BUCKETS, bValid ? (b[0] as number) : HISTOGRAM_BUCKETS);
  const last = Math.max(aValid ? (a[1] as number) : -1, bValid ? (b[1] as number) : -1);
  const sums = new Float64Array(last - first + 1);
  if (aValid) addCounts(sums, first, a);
  if (bValid) addCounts(sums, first, b);
  let lo = 0;
  let hi = sums.length - 1;
  while (lo <= hi && (sums[lo] as number) <= 0) lo++;
  while (hi >= lo && (sums[hi] as number) <= 0) hi--;
  if (hi < lo) return Buffer.from([1, 0]);
  const out = Buffer.alloc(2 + 4 * (hi - lo + 1));
  out[0] = first + lo;
  out[1] = first + hi;
  for (let i = lo; i <= hi; i++) out.writeUInt32LE(Math.min(sums[i] as number, MAX_COUNT), 2 + 4 * (i - lo));
  return out;
}

function isEncodedHistogram(blob: Uint8Array): boolean {
  if (blob.length < 2) return false;
  const first = blob[0] as number;
  const last = blob[1] as number;
  return last >= first && blob.length === 2 + 4 * (last - first + 1);
}

/** Adds the counts of a valid encoded histogram into `sums`, whose index 0 is bucket `first`. */
function addCounts(sums: Float64Array, first: number, blob: Uint8Array): void {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const from = blob[0] as number;
  const to = blob[1] as number;
  for (let i = from; i <= to; i++) sums[i - first] = (sums[i - first] as number) + view.getUint32(2 + 4 * (i - from), true);
}

/**
 * The q-quantile (0 < q <= 1) as the middle of the bucket holding it, kept inside the observed [min, max] so that a
 * single latency, or all-equal ones, come back exactly. 0 for an empty histogram.
 */
export function histogramQuantile(h: LatencyHistogram, q: number, minNanos: bigint, maxNanos: bigint): bigint {
  const buckets = [...h.keys()].sort((a, b) => a - b);
  let total = 0;
  for (const c of h.values()) total += c;
  if (total === 0) return 0n;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  let bucket = buckets[buckets.length - 1] as number;
  for (const i of buckets) {
    seen += h.get(i) as number;
    if (seen >= rank) {
      bucket = i;
      break;
    }
  }
  const v = bucketMiddleNanos(bucket);
  return v < minNanos ? minNanos : v > maxNanos ? maxNanos : v;
}

/**
 * The histogram as latencies with their counts, ascending: each non-empty bucket's middle, kept inside the observed
 * [min, max] like a quantile (so a single latency, or all-equal ones, come back exactly).
 */
export function histogramCounts(h: LatencyHistogram, minNanos: bigint, maxNanos: bigint): Array<{ nanos: bigint; count: number }> {
  return [...h.keys()]
    .sort((a, b) => a - b)
    .map((bucket) => {
      const v = bucketMiddleNanos(bucket);
      return { nanos: v < minNanos ? minNanos : v > maxNanos ? maxNanos : v, count: h.get(bucket) as number };
    });
}

/** Dense counts (HISTOGRAM_BUCKETS entries), for adding up many encoded histograms quickly. */
export function newDenseHistogram(): Float64Array {
  return new Float64Array(HISTOGRAM_BUCKETS);
}

export function addEncodedToDense(into: Float64Array, blob: Uint8Array): void {
  if (blob.length < 2) return;
  const first = blob[0] as number;
  const last = blob[1] as number;
  if (last < first || blob.length !== 2 + 4 * (last - first + 1)) return;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = first; i <= last; i++) into[i] = (into[i] as number) + view.getUint32(2 + 4 * (i - first), true);
}

export function encodeDenseHistogram(dense: Float64Array): Buffer {
  const h = newHistogram();
  dense.forEach((c, i) => {
    if (c > 0) h.set(i, c);
  });
  return encodeHistogram(h);
}
