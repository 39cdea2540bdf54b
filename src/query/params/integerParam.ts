import { badParameter } from '../http/queryError.js';
import { oneParam, type QueryParams } from '../http/queryParams.js';

const INTEGER = /^[+-]?\d{1,19}$/;

/** A decimal integer parameter (undefined when absent) within [min, max]; anything else is a 400 naming it. */
export function integerParam(query: QueryParams, name: string, min = -(2n ** 63n), max = 2n ** 63n - 1n): bigint | undefined {
  const text = oneParam(query, name);
  if (text === undefined) return undefined;
  if (!INTEGER.test(text)) throw badParameter(name, `"${text}" is not an integer`);
  const n = BigInt(text);
  if (n < min || n > max) throw badParameter(name, `${n} is outside ${min}..${max}`);
  return n;
}

/**
 * A page size: `defaultValue` when absent (or 0 where `zeroMeansDefault`, as Jaeger's storage readers treat it), at
 * most `max` (larger values are lowered to it rather than refused, so a client asking for "everything" still works).
 */
export function limitParam(query: QueryParams, name: string, options: { defaultValue: number; max: number; zeroMeansDefault?: boolean }): number {
  const n = integerParam(query, name, options.zeroMeansDefault ? 0n : 1n);
  if (n === undefined || n === 0n) return options.defaultValue;
  return n > BigInt(options.max) ? options.max : Number(n);
}
