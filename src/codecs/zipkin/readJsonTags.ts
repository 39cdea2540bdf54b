import { spanProblem } from './spanProblem.js';

/**
 * v2 `tags`. Values should be strings (section 1.1); numbers and booleans are stringified, objects and arrays are
 * written as JSON text, and null values are skipped (spec section 7.1: accept non-string tag values).
 */
export function readJsonTags(raw: unknown, where: string): Map<string, string> {
  const tags = new Map<string, string>();
  if (raw === undefined || raw === null) return tags;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw spanProblem(where, 'not an object');
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    tags.set(key, typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return tags;
}
