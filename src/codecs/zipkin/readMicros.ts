import { fieldProblem } from './spanProblem.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^\d+$/;
/** Largest microsecond value whose nanoseconds still fit OTLP's fixed64 comfortably (int64 range). */
const MAX_MICROS = 9_223_372_036_854_775n;

/**
 * Epoch or duration microseconds read leniently (spec section 7.1): JSON integers, floats and scientific notation
 * (Envoy 1.13 printed `1.58266276796031e+15`) and numeric strings (Envoy 1.18) are accepted and rounded to whole
 * microseconds. Absent, null and negative values are `undefined` (section 1.1: negative means absent). Problems are
 * reported at `where`.`field`.
 */
export function readMicros(value: unknown, where: string, field: string): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  let micros: bigint;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw fieldProblem(where, field, 'not a finite number');
    micros = BigInt(Math.round(value));
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (INTEGER.test(text)) micros = BigInt(text);
    else if (DECIMAL.test(text)) micros = BigInt(Math.round(Number(text)));
    else throw fieldProblem(where, field, `not a number: ${JSON.stringify(value.slice(0, 40))}`);
  } else {
    throw fieldProblem(where, field, `not a number (${Array.isArray(value) ? 'array' : typeof value})`);
  }
  if (micros < 0n) return undefined;
  if (micros > MAX_MICROS) throw fieldProblem(where, field, 'out of range');
  return micros;
}
