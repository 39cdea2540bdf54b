const INVALID = /[^A-Za-z0-9_.]/g;
const MAX_KEY_LENGTH = 500;

/**
 * An annotation key X-Ray keeps (X-Ray silently drops annotations with other keys): letters, digits, `_` and `.`
 * (accepted since 2024, the contrib `exporter.xray.allowDot` default); anything else becomes `_`; at most 500
 * characters.
 */
export function sanitizeAnnotationKey(key: string): string {
  const out = key.replace(INVALID, '_');
  return out.length > MAX_KEY_LENGTH ? out.slice(0, MAX_KEY_LENGTH) : out;
}
