// Lenient reading of the fields every Zipkin reader shares (v1 JSON, v2 JSON, proto3): ids, microsecond times, and the
// error that names an unreadable field. Zipkin itself is strict here; senders in meshes are not (upper-case and short
// ids, 32-hex span ids, float and string timestamps), so these accept what can be read without guessing.
import { PipelineError } from '../../errors.js';
import { EMPTY_SPAN_ID } from '../../model/ids.js';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from '../../model/valueDepth.js';

/** The error a reader throws for one unreadable span; `where` is like `span[3].id`. */
export function spanProblem(where: string, problem: string): PipelineError {
  return new PipelineError('SB_MALFORMED', `${where}: ${problem}`);
}

/**
 * spanProblem for `field` of the span at `where` (`span[3]`, `id`). Readers pass the two parts and the path is joined
 * only here, on the error path: building `span[3].id` for every field of every span is measurable garbage on the
 * ingest path.
 */
export function fieldProblem(where: string, field: string, problem: string): PipelineError {
  return spanProblem(`${where}.${field}`, problem);
}

/**
 * `s` in lower case when it is hex digits of either case, else undefined. Checked with a loop, and lower-cased only
 * when it has upper-case digits: `toLowerCase` copies even an unchanged string, and this runs on two or three ids
 * per span. No other character lower-cases to a hex digit, so this is `toLowerCase` then a check.
 */
function lowerHex(s: string): string | undefined {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) continue;
    if (c >= 65 && c <= 70) upper = true;
    else return undefined;
  }
  return upper ? s.toLowerCase() : s;
}

function isAllZeros(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 48) return false;
  return s.length > 0;
}

/**
 * A trace id as 16 or 32 lower-case hex digits: upper case is accepted, shorter ids are left-padded to 16 (up to 16
 * digits) or 32 (17 to 31), and a 32-digit id whose high half is zero is the 64-bit id it carries. Problems are
 * reported at `where`.`field`.
 */
export function normalizeTraceId(raw: string, where: string, field: string): string {
  if (raw === '') throw fieldProblem(where, field, 'empty');
  const hex = lowerHex(raw);
  if (hex === undefined) throw fieldProblem(where, field, 'not hex');
  if (hex.length > 32) throw fieldProblem(where, field, `${hex.length} hex digits (at most 32)`);
  if (isAllZeros(hex)) throw fieldProblem(where, field, 'all zeros');
  const padded = hex.padStart(hex.length <= 16 ? 16 : 32, '0');
  return padded.length === 32 && padded.startsWith(EMPTY_SPAN_ID) ? padded.slice(16) : padded;
}

/**
 * A span id as 16 lower-case hex digits. Ids over 16 digits (FSM sidecars send 32) keep their rightmost 16, the same
 * deterministic rule for `id` and `parentId` so client/server pairs stay linked; `original` is then the id as it
 * arrived. Returns undefined for an all-zero id (an absent parent). Problems are reported at `where`.`field`.
 */
export function normalizeSpanId(raw: string, where: string, field: string): { id: string; original?: string } | undefined {
  if (raw === '') return undefined;
  const hex = lowerHex(raw);
  if (hex === undefined) throw fieldProblem(where, field, 'not hex');
  const id = hex.length > 16 ? hex.slice(-16) : hex.padStart(16, '0');
  if (id === EMPTY_SPAN_ID) return undefined;
  return hex.length > 16 ? { id, original: hex } : { id };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^\d+$/;
/** Largest microsecond value whose nanoseconds still fit OTLP's fixed64 comfortably (int64 range). */
const MAX_MICROS = 9_223_372_036_854_775n;

/**
 * Epoch or duration microseconds read leniently: JSON integers, floats and scientific notation (Envoy 1.13 printed
 * `1.58266276796031e+15`) and numeric strings (Envoy 1.18) are accepted and rounded to whole microseconds. Absent,
 * null and negative values are `undefined` (Zipkin reads a negative time as absent). Problems are reported at
 * `where`.`field`.
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
    else if (DECIMAL.test(text)) {
      // `"1e999"` matches the pattern and reads as Infinity.
      const n = Number(text);
      if (!Number.isFinite(n)) throw fieldProblem(where, field, 'not a finite number');
      micros = BigInt(Math.round(n));
    } else throw fieldProblem(where, field, `not a number: ${JSON.stringify(value.slice(0, 40))}`);
  } else {
    throw fieldProblem(where, field, `not a number (${Array.isArray(value) ? 'array' : typeof value})`);
  }
  if (micros < 0n) return undefined;
  if (micros > MAX_MICROS) throw fieldProblem(where, field, 'out of range');
  return micros;
}

/**
 * A tag or binary-annotation value that is not a string, as the text kept for it: objects and arrays as JSON (refused
 * when nested deeper than MAX_VALUE_DEPTH, which JSON.stringify could not write), other scalars as String() does.
 * Problems are reported at `where`.`field`.
 */
export function nonStringTagText(value: unknown, where: string, field: string): string {
  if (typeof value !== 'object' || value === null) return String(value);
  if (nestsDeeperThan(value, MAX_VALUE_DEPTH)) throw fieldProblem(where, field, `nested deeper than ${MAX_VALUE_DEPTH} levels`);
  return JSON.stringify(value);
}
