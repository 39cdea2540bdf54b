import { getString } from '../../model/attributes.js';
import { ZIPKIN_SHARED, ZIPKIN_TRACE_ID_64BIT } from '../../model/attributeNames.js';
import { SpanKind, type ResourceSpans, type ScopeSpans, type Span, type TraceBatch } from '../../model/span.js';
import { ENVOY_UPSTREAM_CLUSTER, SERVICE_NAME } from './attributeNames.js';
import type { IstioConfig } from './config.js';
import type { ResourcePatch } from './deriveResource.js';
import { detectSidecar } from './detectSidecar.js';
import { normalizeSidecarSpan, type SidecarRules } from './normalizeSidecarSpan.js';
import { moveSpans, patchChanges, patchesEqual, type MoveGroup } from './regroupSpans.js';
import { createSharedSpanIds } from './sharedSpanIds.js';
import { createTagParsers } from './tagParsers.js';
import { createTraceIdUpgrader } from './traceIdUpgrader.js';

/** Distinct `upstream_cluster` and `node_id` values whose parse is remembered. */
const PARSE_CACHE_SIZE = 4096;

/** The mesh normalizer (docs/zipkin-mesh.md), over whole batches, with the state its id rules keep between batches. */
export interface MeshNormalizer {
  /** Normalizes a batch the caller owns, in place. */
  normalize(batch: TraceBatch): void;
  /** Forgets the remembered trace ids and re-identified spans. */
  clear(): void;
}

interface SharedCandidate {
  span: Span;
  hashService: string;
  service: string;
  /** Reported by Envoy or FSM, which always give an inbound span its caller's id when they share. */
  alwaysJoins: boolean;
}

/**
 * Per span: sidecar spans (detectSidecar) get the stateless rules and may change resource; then, over the batch,
 * 64-bit trace ids are widened and shared SERVER spans re-identified (these apply to every Zipkin span that carries
 * the codec's `zipkin.trace_id_64bit` / `zipkin.shared`, since it is the applications' spans that must join the
 * sidecars'; a shared span is split only when a CLIENT span with its id was seen or a sidecar reported it,
 * sharedSpanIds.ts), and finally spans whose parent was re-identified are re-parented. Spans without sidecar tags or
 * those Zipkin flags (OTLP from applications) are only ever re-parented, and only under a re-identified span of their
 * own service. Ids are rewritten after regrouping, so the id rules see each span's resulting `service.name`.
 */
export function createMeshNormalizer(config: IstioConfig): MeshNormalizer {
  const rules: SidecarRules = {
    spanKind: config.span_kind,
    serviceName: config.service_name,
    serviceNameSource: config.service_name_source,
    resourceAttributes: config.resource_attributes,
    peerService: config.peer_service,
    semanticConventions: config.semantic_conventions,
    keepOriginals: config.keep_original_attributes,
    markProxySpans: config.mark_proxy_spans,
  };
  const parsers = createTagParsers(PARSE_CACHE_SIZE);
  const traceIds = createTraceIdUpgrader(config.trace_id_cache_size);
  const shared = createSharedSpanIds(config.shared_span_cache_size);

  return {
    normalize(batch) {
      const groups: MoveGroup[] = [];
      const groupsByService = new Map<string, MoveGroup[]>();
      const padded: Span[] = [];
      const sharedSpans: SharedCandidate[] = [];
      const clients: Span[] = [];
      const patch: ResourcePatch = [];
      for (const rs of batch.resourceSpans) {
        const resource = rs.resource.attributes;
        const original = getString(resource, SERVICE_NAME);
        // A Zipkin POST comes from one proxy, so consecutive spans mostly share a patch: compare before looking up.
        let last: MoveGroup | undefined;
        for (const ss of rs.scopeSpans) {
          const spans = ss.spans;
          let kept: Span[] | undefined;
          for (let i = 0; i < spans.length; i++) {
            const span = spans[i] as Span;
            let service = original;
            let moved = false;
            const source = detectSidecar(span.attributes);
            if (source !== undefined) {
              patch.length = 0;
              normalizeSidecarSpan(span, source, original, rules, parsers, patch);
              if (patchChanges(patch, resource)) {
                const patched = serviceIn(patch);
                if (last === undefined || !patchesEqual(last.patch, patch)) last = groupFor(groups, groupsByService, patched ?? '', rs, patch);
                addToGroup(last, ss, span);
                service = patched ?? original;
                moved = true;
              }
            }
            if (moved) kept ??= spans.slice(0, i);
            else kept?.push(span);
            const attrs = span.attributes;
            if (config.trace_id_upgrade) {
              if (attrs.get(ZIPKIN_TRACE_ID_64BIT) === true) padded.push(span);
              else traceIds.remember(span.traceId);
            }
            if (config.shared_span_ids) {
              // Envoy's `upstream_cluster` also marks Envoy spans that lack the sidecar tags (plain Envoy, sandboxes).
              if (attrs.get(ZIPKIN_SHARED) === true) sharedSpans.push({ span, hashService: original ?? '', service: service ?? '', alwaysJoins: source !== undefined || attrs.has(ENVOY_UPSTREAM_CLUSTER) });
              if (span.kind === SpanKind.CLIENT) clients.push(span);
            }
          }
          if (kept !== undefined) ss.spans = kept;
        }
      }
      if (groups.length > 0) moveSpans(batch, groups);
      for (const span of padded) {
        const wide = traceIds.widen(span.traceId);
        if (wide !== undefined) {
          span.traceId = wide;
          span.attributes.delete(ZIPKIN_TRACE_ID_64BIT);
        }
      }
      // After the trace-id upgrade, so a client and its server meet under the same (widened) trace id.
      for (const span of clients) shared.rememberClient(span.traceId, span.spanId);
      for (const c of sharedSpans) shared.apply(c.span, c.hashService, c.service, c.alwaysJoins);
      if (config.shared_span_ids && shared.size > 0) {
        for (const rs of batch.resourceSpans) {
          const service = getString(rs.resource.attributes, SERVICE_NAME) ?? '';
          for (const ss of rs.scopeSpans) for (const span of ss.spans) if (span.parentSpanId !== '') shared.reparent(span, service);
        }
      }
    },
    clear() {
      parsers.clear();
      traceIds.clear();
      shared.clear();
    },
  };
}

/**
 * The group of the spans of `from` with this patch, created (and appended to `groups`, which moveSpans takes in
 * order) when there is none. Candidates are found by the patch's service name, not by a key string built from the
 * whole patch for every span (this runs per sidecar span on the ingest path).
 */
function groupFor(groups: MoveGroup[], byService: Map<string, MoveGroup[]>, service: string, from: ResourceSpans, patch: ResourcePatch): MoveGroup {
  let candidates = byService.get(service);
  if (candidates === undefined) {
    candidates = [];
    byService.set(service, candidates);
  }
  for (const g of candidates) if (g.from === from && patchesEqual(g.patch, patch)) return g;
  const g: MoveGroup = { from, patch: patch.slice(), byScope: new Map() };
  candidates.push(g);
  groups.push(g);
  return g;
}

function addToGroup(g: MoveGroup, scope: ScopeSpans, span: Span): void {
  const list = g.byScope.get(scope);
  if (list === undefined) g.byScope.set(scope, [span]);
  else list.push(span);
}

function serviceIn(patch: ResourcePatch): string | undefined {
  for (let i = 0; i < patch.length; i += 2) if (patch[i] === SERVICE_NAME) return patch[i + 1];
  return undefined;
}
