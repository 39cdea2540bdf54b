// Zipkin id normalization, specs/zipkin-mesh.md section 7.2 (lenient variant of the rules in section 1.1).
import { EMPTY_SPAN_ID } from '../../model/ids.js';
import { fieldProblem } from './spanProblem.js';

/**
 * `s` in lower case when it is hex digits of either case, else undefined. Checked with a loop, and lower-cased only
 * when it has upper-case digits: `toLowerCase` copies even an unchanged string, and this runs on two or three ids
 * per span (issue 2 item 10). No other character lower-cases to a hex digit, so this is `toLowerCase` then a check.
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
