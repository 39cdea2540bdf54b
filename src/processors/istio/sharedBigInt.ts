/** Integers below this share one bigint each: ports, status codes, small body sizes. */
const SHARED_BELOW = 65_536;
const shared = new Array<bigint | undefined>(SHARED_BELOW);

/**
 * `BigInt(n)`, with one shared bigint per value for integers 0..65535. Sidecar spans wait in the batch processor,
 * and the garbage collector copies every object they hold; a bigint is an immutable value, so a shared one cannot be
 * told from a fresh one, and sharing saves that copying. Bounded: at most 65536 values are kept.
 */
export function sharedBigInt(n: number): bigint {
  if (!(n >= 0 && n < SHARED_BELOW && Number.isInteger(n))) return BigInt(n);
  let b = shared[n];
  if (b === undefined) {
    b = BigInt(n);
    shared[n] = b;
  }
  return b;
}
