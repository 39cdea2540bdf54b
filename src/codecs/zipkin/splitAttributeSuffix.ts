import type { Attributes } from '../../model/span.js';
import { jsonToAnyValue } from './jsonToAnyValue.js';

/**
 * Splits `head|{json attributes}|droppedCount`, the collector's encoding of event and link attributes in Zipkin
 * strings (spec sections 2.3 and 2.6). The head may itself hold `|`: the attributes are the first `|{` whose rest up
 * to the last `|` parses as a JSON object. Returns undefined when the value does not have that shape.
 */
export function splitAttributeSuffix(value: string): { head: string; attributes: Attributes; dropped: number } | undefined {
  const last = value.lastIndexOf('|');
  if (last < 0 || !/^\d{1,9}$/.test(value.slice(last + 1))) return undefined;
  for (let j = value.indexOf('|{'); j >= 0 && j < last; j = value.indexOf('|{', j + 1)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.slice(j + 1, last));
    } catch {
      continue;
    }
    const attributes = jsonToAnyValue(parsed);
    if (attributes instanceof Map) return { head: value.slice(0, j), attributes, dropped: Number(value.slice(last + 1)) };
  }
  return undefined;
}
