// Zipkin id normalization, specs/zipkin-mesh.md section 7.2 (lenient variant of the rules in section 1.1).
import { EMPTY_SPAN_ID, isHex } from '../../model/ids.js';
import { spanProblem } from './spanProblem.js';

const ZERO = /^0+$/;

/**
 * A trace id as 16 or 32 lower-case hex digits: upper case is accepted, shorter ids are left-padded to 16 (up to 16
 * digits) or 32 (17 to 31), and a 32-digit id whose high half is zero is the 64-bit id it carries.
 */
export function normalizeTraceId(raw: string, where: string): string {
  const hex = raw.toLowerCase();
  if (hex === '') throw spanProblem(where, 'empty');
  if (!isHex(hex)) throw spanProblem(where, 'not hex');
  if (hex.length > 32) throw spanProblem(where, `${hex.length} hex digits (at most 32)`);
  if (ZERO.test(hex)) throw spanProblem(where, 'all zeros');
  const padded = hex.padStart(hex.length <= 16 ? 16 : 32, '0');
  return padded.length === 32 && padded.startsWith(EMPTY_SPAN_ID) ? padded.slice(16) : padded;
}

/**
 * A span id as 16 lower-case hex digits. Ids over 16 digits (FSM sidecars send 32) keep their rightmost 16, the same
 * deterministic rule for `id` and `parentId` so client/server pairs stay linked; `original` is then the id as it
 * arrived. Returns undefined for an all-zero id (an absent parent).
 */
export function normalizeSpanId(raw: string, where: string): { id: string; original?: string } | undefined {
  const hex = raw.toLowerCase();
  if (hex === '') return undefined;
  if (!isHex(hex)) throw spanProblem(where, 'not hex');
  const id = hex.length > 16 ? hex.slice(-16) : hex.padStart(16, '0');
  if (id === EMPTY_SPAN_ID) return undefined;
  return hex.length > 16 ? { id, original: hex } : { id };
}
