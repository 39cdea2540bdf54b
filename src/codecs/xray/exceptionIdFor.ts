const MASK = (1n << 64n) - 1n;

/**
 * A 16-hex exception id for the `index`-th exception of a span (X-Ray requires exception ids). Derived from the
 * span id (FNV-1a 64) rather than random, so encoding is a pure function and the same span always gives the same ids.
 */
export function exceptionIdFor(spanId: string, index: number): string {
  let h = 0xcbf29ce484222325n;
  const text = `${spanId}:${index}`;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & MASK;
  return h.toString(16).padStart(16, '0');
}
