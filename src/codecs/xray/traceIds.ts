// Trace ids between X-Ray's `1-{8 hex epoch}-{24 hex}` and OpenTelemetry's 32 hex digits, across the epoch fix (an
// OpenTelemetry id whose first 8 digits are no recent epoch is rewritten for X-Ray and the original kept beside it;
// see "Trace ids" in docs/xray-mapping.md), and span links, which are trace ids too.
import { PipelineError } from '../../errors.js';
import { anyValueToJson } from '../../model/attributes.js';
import { isValidTraceId } from '../../model/ids.js';
import type { AnyValue, SpanLink } from '../../model/span.js';
import { isJsonObject, jsonToAnyValue } from './fieldReaders.js';
import { ORIGINAL_TRACE_ID_ANNOTATION, XRAY_TRACE_ID } from './xrayAttributeNames.js';
import type { XrayEncodeOptions, XrayLink } from './xraySegmentDocument.js';

const OTEL_TRACE_ID = /^[0-9a-fA-F]{32}$/;
/** An X-Ray trace id: version 1, then 8 and 24 hex digits; upper case is accepted. */
export const XRAY_TRACE_ID_PATTERN = /^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/;
/** A span id as documents write it; upper case is accepted. */
export const XRAY_SPAN_ID_PATTERN = /^[0-9a-fA-F]{16}$/;
const HEX32 = /^[0-9a-f]{32}$/;

/**
 * A 32-hex OpenTelemetry trace id as an X-Ray one, `1-{8 hex}-{24 hex}`, lower-case. The epoch is not checked here; see
 * createTraceIdFixer. Throws SB_MALFORMED for anything but 32 hex digits.
 */
export function otelTraceIdToXray(hex32: string): string {
  if (!OTEL_TRACE_ID.test(hex32)) throw new PipelineError('SB_MALFORMED', `trace id ${JSON.stringify(hex32)}: expected 32 hex digits`);
  const hex = hex32.toLowerCase();
  return `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
}

/** An X-Ray trace id `1-{8 hex}-{24 hex}` as 32 lower-case hex digits. Throws SB_MALFORMED for any other shape. */
export function xrayTraceIdToOtel(id: string): string {
  if (!XRAY_TRACE_ID_PATTERN.test(id)) throw new PipelineError('SB_MALFORMED', `X-Ray trace id ${JSON.stringify(id)}: expected 1-{8 hex}-{24 hex}`);
  return (id.slice(2, 10) + id.slice(11)).toLowerCase();
}

/**
 * The X-Ray trace id for a (valid, lower-case) OpenTelemetry trace id: the epoch fix's choice from the options, else
 * the X-Ray id the span arrived with (`aws.xray.trace_id`, when it has the same random part), else the plain
 * conversion. `rewritten` tells that it differs from the plain conversion.
 */
export function chooseXrayTraceId(traceId: string, arrivedWith: AnyValue | undefined, options: XrayEncodeOptions): { xrayTraceId: string; rewritten: boolean } {
  const plain = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
  let chosen = options.xrayTraceIds?.get(traceId);
  if (chosen === undefined && typeof arrivedWith === 'string' && arrivedWith.length === 35 && arrivedWith.slice(11).toLowerCase() === traceId.slice(8)) chosen = arrivedWith.toLowerCase();
  return chosen === undefined || chosen === plain ? { xrayTraceId: plain, rewritten: false } : { xrayTraceId: chosen, rewritten: true };
}

/**
 * The OpenTelemetry trace id for an X-Ray one (lower-case, valid): the original id the epoch fix kept in
 * ORIGINAL_TRACE_ID_ANNOTATION when it is 32 hex digits with the same random part (the fix changes only the first 8
 * digits), else the plain conversion.
 */
export function restoreOriginalTraceId(xrayTraceId: string, annotations: ReadonlyMap<string, AnyValue> | Record<string, unknown> | undefined): string {
  const plain = xrayTraceId.slice(2, 10) + xrayTraceId.slice(11);
  const original = annotations instanceof Map ? annotations.get(ORIGINAL_TRACE_ID_ANNOTATION) : (annotations as Record<string, unknown> | undefined)?.[ORIGINAL_TRACE_ID_ANNOTATION];
  return typeof original === 'string' && HEX32.test(original) && original.slice(8) === plain.slice(8) ? original : plain;
}

/**
 * `links` as span links with their attributes (the `aws.xray.reserved.*` ones included). A link whose trace id was
 * rewritten by the epoch fix gets its original id back (restoreOriginalTraceId). Links with unreadable ids are left out
 * here (the caller's diff keeps them verbatim).
 */
export function readLinks(node: Record<string, unknown>): SpanLink[] {
  const raw = node.links;
  if (!Array.isArray(raw)) return [];
  const links: SpanLink[] = [];
  for (const l of raw) {
    if (!isJsonObject(l) || typeof l.trace_id !== 'string' || typeof l.id !== 'string' || !XRAY_TRACE_ID_PATTERN.test(l.trace_id) || !XRAY_SPAN_ID_PATTERN.test(l.id)) continue;
    if (l.attributes !== undefined && !isJsonObject(l.attributes)) continue;
    const attributes = l.attributes === undefined ? new Map() : (jsonToAnyValue(l.attributes) as Map<string, never>);
    const xrayTraceId = l.trace_id.toLowerCase();
    const traceId = restoreOriginalTraceId(xrayTraceId, attributes);
    if (traceId !== `${xrayTraceId.slice(2, 10)}${xrayTraceId.slice(11)}`) attributes.set(XRAY_TRACE_ID, xrayTraceId as never);
    links.push({ traceId, spanId: l.id.toLowerCase(), traceState: '', attributes, droppedAttributesCount: 0, flags: 0 });
  }
  return links;
}

/**
 * `links`: trace id converted (or rewritten by the epoch fix, the original then kept in the link attribute
 * ORIGINAL_TRACE_ID_ANNOTATION), span id, and the attributes when there are any. A link whose trace id cannot be
 * converted is left out rather than the whole span dropped (as the contrib exporter does).
 */
export function writeLinks(links: readonly SpanLink[], options: XrayEncodeOptions): XrayLink[] | undefined {
  if (links.length === 0) return undefined;
  const out: XrayLink[] = [];
  for (const link of links) {
    if (!isValidTraceId(link.traceId)) continue;
    const { xrayTraceId, rewritten } = chooseXrayTraceId(link.traceId, link.attributes.get(XRAY_TRACE_ID), options);
    const x: XrayLink = { trace_id: xrayTraceId, id: link.spanId };
    let attributes: Record<string, unknown> | undefined;
    for (const [k, v] of link.attributes) if (k !== XRAY_TRACE_ID) (attributes ??= {})[k] = anyValueToJson(v);
    if (rewritten && !link.attributes.has(ORIGINAL_TRACE_ID_ANNOTATION)) (attributes ??= {})[ORIGINAL_TRACE_ID_ANNOTATION] = link.traceId;
    if (attributes !== undefined) x.attributes = attributes;
    out.push(x);
  }
  return out.length > 0 ? out : undefined;
}
