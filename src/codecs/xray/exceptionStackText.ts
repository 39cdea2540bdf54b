import type { XrayException } from './xraySegmentDocument.js';

/**
 * The `exception.stacktrace` text for an X-Ray exception, as the contrib receiver writes it: the line "<type>:
 * <message>", then one tab-indented "at <label>(<path>: <line>)" per frame, `<unknown>` for a missing line.
 */
export function exceptionStackText(ex: XrayException): string {
  let text = `${ex.type ?? ''}: ${ex.message ?? ''}`;
  for (const f of ex.stack ?? []) text += `\n\tat ${f.label ?? ''}(${f.path ?? ''}: ${f.line ?? '<unknown>'})`;
  return text;
}
