/**
 * X-Ray's documented name charset: Unicode letters, digits, whitespace and `_ . : / % & # = + \ - @`. The
 * contrib exporter also drops `\`; the docs allow it, so it stays.
 */
const INVALID = /[^\p{L}\p{N}\s_.:/%&#=+\\\-@]/gu;
/** 1 to 200 characters that are all allowed and ASCII (most names): nothing to remove or cut, no Unicode tables. */
const PLAIN = /^[A-Za-z0-9 _.:/%&#=+\\\-@]{1,200}$/;
const MAX_CODE_POINTS = 200;

/**
 * A segment name X-Ray accepts (no `InvalidName`, which Spring proxies' `$` or Istio's `*` caused): invalid characters
 * removed, cut to 200 code points, `span` when nothing is left. Applied to every name source, not only the span name
 * as in contrib.
 */
export function sanitizeSegmentName(name: string): string {
  if (PLAIN.test(name)) return name;
  let out = name.replace(INVALID, '');
  if (out.length > MAX_CODE_POINTS) {
    const points = Array.from(out);
    if (points.length > MAX_CODE_POINTS) out = points.slice(0, MAX_CODE_POINTS).join('');
  }
  return out === '' ? 'span' : out;
}
