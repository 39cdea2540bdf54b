import type { XraySegmentDocument } from '../../codecs/xray/xraySegmentDocument.js';

/** One node of the service graph a trace touches: a segment's service, or an AWS/remote subsegment's callee. */
export interface ServiceId {
  name: string;
  /** The segment's `origin` (e.g. `AWS::EC2::Instance`), `remote`, or `AWS::<name>` for an `aws` subsegment. */
  type?: string;
}

/** One segment or subsegment, flattened, with the service (top-level segment name) it belongs to. */
export interface NodeFacts {
  doc: XraySegmentDocument;
  service: string;
  /** Set for top-level documents that are segments (not independent subsegments). */
  isSegment: boolean;
  parentId?: string;
  startSeconds: number;
  endSeconds?: number;
  fault: boolean;
  error: boolean;
  throttle: boolean;
  /** The node's `http.response.status`, when an integer. */
  status?: number;
}

export type AnnotationScalar = string | number | boolean;

/** What GetTraceSummaries reports and filters on, for one trace (X-Ray API reference, TraceSummary). */
export interface TraceFacts {
  xrayTraceId: string;
  nodes: NodeFacts[];
  /** The entry point: the earliest segment without a parent, else the earliest segment, else the earliest node. */
  root: NodeFacts | undefined;
  startSeconds: number;
  /** Root start to the last end of any node (TraceSummary.Duration). */
  durationSeconds?: number;
  /** The root's end minus its start (TraceSummary.ResponseTime). */
  responseTimeSeconds?: number;
  /** From the root: 5xx or `fault` (HasFault), 4xx or `error` (HasError); throttle: 429 or `throttle` on any node. */
  hasFault: boolean;
  hasError: boolean;
  hasThrottle: boolean;
  /** A node is still in progress (IsPartial). */
  isPartial: boolean;
  http: { url?: string; method?: string; status?: number; userAgent?: string; clientIp?: string };
  /** Service ids by name, segments first in start order. */
  services: Map<string, ServiceId>;
  /** Annotation values by key, each with the services that set it. */
  annotations: Map<string, Array<{ value: AnnotationScalar; services: Set<string> }>>;
  users: Map<string, Set<string>>;
}

/** A value rounded to microseconds, so differences of float seconds do not show binary noise (0.30000000000000004). */
export function roundSeconds(s: number): number {
  return Math.round(s * 1e6) / 1e6;
}

function flags(doc: XraySegmentDocument): Pick<NodeFacts, 'fault' | 'error' | 'throttle' | 'status'> {
  const s = doc.http?.response?.status;
  const status = typeof s === 'number' && Number.isInteger(s) ? s : undefined;
  return {
    fault: doc.fault === true || (status !== undefined && status >= 500 && status <= 599),
    error: doc.error === true || (status !== undefined && status >= 400 && status <= 499),
    throttle: doc.throttle === true || status === 429,
    ...(status === undefined ? {} : { status }),
  };
}

function serviceIdOf(n: NodeFacts): ServiceId | undefined {
  if (n.isSegment) return n.doc.origin === undefined ? { name: n.doc.name } : { name: n.doc.name, type: n.doc.origin };
  if (n.doc.namespace === 'remote') return { name: n.doc.name, type: 'remote' };
  if (n.doc.namespace === 'aws') return { name: n.doc.name, type: `AWS::${n.doc.name}` };
  return undefined;
}

/** Facts of one trace from its X-Ray documents (traceDocuments.ts); undefined when there are none. */
export function traceFacts(documents: readonly XraySegmentDocument[]): TraceFacts | undefined {
  const first = documents[0];
  if (first === undefined) return undefined;
  const nodes: NodeFacts[] = [];
  const serviceOfId = new Map<string, string>();
  const independent: NodeFacts[][] = [];
  for (const top of documents) {
    const isSegment = top.type !== 'subsegment';
    const members: NodeFacts[] = [];
    const walk = (doc: XraySegmentDocument, parentId: string | undefined, segment: boolean) => {
      const end = doc.in_progress === true || typeof doc.end_time !== 'number' ? undefined : doc.end_time;
      members.push({ doc, service: isSegment ? top.name : '', isSegment: segment, startSeconds: doc.start_time, ...flags(doc), ...(parentId === undefined ? {} : { parentId }), ...(end === undefined ? {} : { endSeconds: end }) });
      for (const child of doc.subsegments ?? []) walk(child, doc.id, false);
    };
    walk(top, top.parent_id, isSegment);
    nodes.push(...members);
    if (isSegment) for (const n of members) serviceOfId.set(n.doc.id, n.service);
    else independent.push(members);
  }
  resolveSubsegmentServices(independent, serviceOfId);
  const segments = nodes.filter((n) => n.isSegment);
  const byStart = (a: NodeFacts, b: NodeFacts) => a.startSeconds - b.startSeconds;
  const root = [...segments].sort(byStart).find((n) => n.parentId === undefined) ?? [...segments].sort(byStart)[0] ?? [...nodes].sort(byStart)[0];
  const startSeconds = Math.min(...nodes.map((n) => n.startSeconds));
  const ends = nodes.flatMap((n) => (n.endSeconds === undefined ? [] : [n.endSeconds]));
  const lastEnd = ends.length === 0 ? undefined : Math.max(...ends);
  const facts: TraceFacts = {
    xrayTraceId: (first.trace_id ?? '').toLowerCase(),
    nodes,
    root,
    startSeconds,
    hasFault: root?.fault === true,
    hasError: root?.error === true,
    hasThrottle: nodes.some((n) => n.throttle),
    isPartial: nodes.some((n) => n.doc.in_progress === true),
    http: {},
    services: new Map(),
    annotations: new Map(),
    users: new Map(),
  };
  if (root !== undefined && lastEnd !== undefined) facts.durationSeconds = roundSeconds(Math.max(0, lastEnd - root.startSeconds));
  if (root?.endSeconds !== undefined) facts.responseTimeSeconds = roundSeconds(root.endSeconds - root.startSeconds);
  const req = root?.doc.http?.request;
  if (req?.url !== undefined) facts.http.url = req.url;
  if (req?.method !== undefined) facts.http.method = req.method;
  if (req?.user_agent !== undefined) facts.http.userAgent = req.user_agent;
  if (req?.client_ip !== undefined) facts.http.clientIp = req.client_ip;
  if (root?.status !== undefined) facts.http.status = root.status;
  for (const n of [...segments].sort(byStart).concat(nodes.filter((x) => !x.isSegment))) {
    const id = serviceIdOf(n);
    if (id !== undefined && !facts.services.has(id.name)) facts.services.set(id.name, id);
  }
  for (const n of nodes) {
    for (const [key, value] of Object.entries(n.doc.annotations ?? {})) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      const list = facts.annotations.get(key) ?? [];
      let entry = list.find((e) => e.value === value);
      if (entry === undefined) list.push((entry = { value, services: new Set() }));
      if (n.service !== '') entry.services.add(n.service);
      facts.annotations.set(key, list);
    }
    if (n.isSegment && typeof n.doc.user === 'string' && n.doc.user !== '') {
      const set = facts.users.get(n.doc.user) ?? new Set<string>();
      set.add(n.service);
      facts.users.set(n.doc.user, set);
    }
  }
  return facts;
}

/**
 * Independent subsegments (each with its embedded ones) belong to the service of the node they hang off
 * (`parent_id`), which may itself be an independent subsegment: resolved in rounds, so a chain in any order settles.
 * Unresolvable ones keep the service ''.
 */
function resolveSubsegmentServices(groups: NodeFacts[][], serviceOfId: Map<string, string>): void {
  let open = groups;
  while (open.length > 0) {
    const still = open.filter((members) => {
      const parentId = members[0]?.parentId;
      const service = parentId === undefined ? undefined : serviceOfId.get(parentId);
      if (service === undefined) return true;
      for (const n of members) {
        n.service = service;
        serviceOfId.set(n.doc.id, service);
      }
      return false;
    });
    if (still.length === open.length) return;
    open = still;
  }
}
