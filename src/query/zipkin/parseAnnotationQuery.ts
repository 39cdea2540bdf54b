import { badParameter } from '../http/queryError.js';

export type AnnotationTerm = { kind: 'tag'; key: string; value: string } | { kind: 'word'; word: string };

/**
 * Zipkin's annotationQuery (openzipkin/zipkin-api zipkin2-api.yaml, GET /traces): terms joined by " and "; `k=v`
 * constrains a tag, a bare word matches an annotation value or a tag key. `k=` counts as the bare word `k`.
 */
export function parseAnnotationQuery(text: string): AnnotationTerm[] {
  const terms: AnnotationTerm[] = [];
  for (const raw of text.split(/\s+and\s+/i)) {
    const term = raw.trim();
    if (term === '') continue;
    const eq = term.indexOf('=');
    if (eq === 0) throw badParameter('annotationQuery', `"${term}" has no key before "="`);
    if (eq < 0 || eq === term.length - 1) terms.push({ kind: 'word', word: eq < 0 ? term : term.slice(0, -1) });
    else terms.push({ kind: 'tag', key: term.slice(0, eq), value: term.slice(eq + 1) });
  }
  return terms;
}
