// Deterministic random values for generated test and benchmark data: the same seed gives the same data on every run,
// so tests can rely on it and benchmark runs compare. The product itself draws from node:crypto.

/** mulberry32 (Tommy Ettinger's public-domain 32-bit PRNG): a fast seeded source of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `bytes` random bytes as lower-case hex, never all zeros (an all-zero id is invalid in OTLP and Zipkin). */
export function randomHex(random: () => number, bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i += 4) s += Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  s = s.slice(0, bytes * 2);
  return /^0+$/.test(s) ? randomHex(random, bytes) : s;
}

/** A random UUID v4 text (Envoy's `x-request-id`). */
export function randomUuid(random: () => number): string {
  const h = randomHex(random, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)] as string}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A uniformly random integer in [min, max]. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
