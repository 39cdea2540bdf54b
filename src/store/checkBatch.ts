import { PipelineError } from '../errors.js';
import type { Span, TraceBatch } from '../model/span.js';

/**
 * Refuses, with SB_MALFORMED naming the span and field, ids, kinds and status codes the store cannot keep: trace and
 * span ids are 32 and 16 lower-case hex digits, not all zero (src/model/ids.ts); a parent id is empty or a span id;
 * link ids are 32 and 16 lower-case hex digits; kinds are 0-5 and status codes 0-2.
 */
export function checkBatch(batch: TraceBatch): void {
  const resourceSpans = batch.resourceSpans;
  for (let r = 0; r < resourceSpans.length; r++) {
    const scopeSpans = (resourceSpans[r] as (typeof resourceSpans)[number]).scopeSpans;
    for (let s = 0; s < scopeSpans.length; s++) {
      const spans = (scopeSpans[s] as (typeof scopeSpans)[number]).spans;
      for (let i = 0; i < spans.length; i++) {
        const problem = spanProblem(spans[i] as Span);
        if (problem !== undefined) throw new PipelineError('SB_MALFORMED', `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]${problem}`);
      }
    }
  }
}

/** What is wrong with a span, as `.<field>: <why>`, or undefined. */
function spanProblem(span: Span): string | undefined {
  if (!isId(span.traceId, 32)) return `.traceId: "${span.traceId}" is not 32 lower-case hex digits (and not all zero)`;
  if (!isId(span.spanId, 16)) return `.spanId: "${span.spanId}" is not 16 lower-case hex digits (and not all zero)`;
  if (span.parentSpanId !== '' && !isId(span.parentSpanId, 16)) return `.parentSpanId: "${span.parentSpanId}" is not 16 lower-case hex digits`;
  const kind: number = span.kind;
  if (!(kind >= 0 && kind <= 5 && Number.isInteger(kind))) return `.kind: ${span.kind} is not a span kind (0-5)`;
  const code: number = span.status.code;
  if (!(code >= 0 && code <= 2 && Number.isInteger(code))) return `.status.code: ${span.status.code} is not a status code (0-2)`;
  const links = span.links;
  for (let k = 0; k < links.length; k++) {
    const l = links[k] as (typeof links)[number];
    if (hexRun(l.traceId, 32) < 0 || hexRun(l.spanId, 16) < 0) return `.links[${k}]: ids must be 32 and 16 lower-case hex digits`;
  }
  return undefined;
}

/** `length` lower-case hex digits, not all zero. */
function isId(s: string, length: number): boolean {
  return hexRun(s, length) > 0;
}

/** -1 unless `s` is `length` lower-case hex digits; else 0 when they are all '0', and more when not. */
function hexRun(s: unknown, length: number): number {
  if (typeof s !== 'string' || s.length !== length) return -1;
  let nonZero = 0;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f || LOWER_HEX[c] === 0) return -1;
    nonZero |= c ^ 0x30;
  }
  return nonZero;
}

/** 1 for the character codes of 0-9 and a-f (a table is faster than comparisons per character). */
const LOWER_HEX = (() => {
  const t = new Uint8Array(128);
  for (const c of '0123456789abcdef') t[c.charCodeAt(0)] = 1;
  return t;
})();
