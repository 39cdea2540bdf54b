import type { AnnotationScalar, ServiceId, TraceFacts } from './traceFacts.js';

function serviceIdJson(id: ServiceId): Record<string, unknown> {
  return id.type === undefined ? { Name: id.name, Names: [id.name] } : { Name: id.name, Names: [id.name], Type: id.type };
}

function annotationValueJson(v: AnnotationScalar): Record<string, unknown> {
  return typeof v === 'number' ? { NumberValue: v } : typeof v === 'boolean' ? { BooleanValue: v } : { StringValue: v };
}

/** A TraceSummary (X-Ray API reference) of one trace: the members GetTraceSummaries fills from TraceFacts. */
export function traceSummaryJson(facts: TraceFacts): Record<string, unknown> {
  const named = (names: Iterable<string>) => [...names].flatMap((n) => {
    const id = facts.services.get(n);
    return id === undefined ? [] : [serviceIdJson(id)];
  });
  const http: Record<string, unknown> = {};
  if (facts.http.url !== undefined) http.HttpURL = facts.http.url;
  if (facts.http.status !== undefined) http.HttpStatus = facts.http.status;
  if (facts.http.method !== undefined) http.HttpMethod = facts.http.method;
  if (facts.http.userAgent !== undefined) http.UserAgent = facts.http.userAgent;
  if (facts.http.clientIp !== undefined) http.ClientIp = facts.http.clientIp;
  const annotations: Record<string, unknown> = {};
  for (const [key, values] of facts.annotations) annotations[key] = values.map((e) => ({ AnnotationValue: annotationValueJson(e.value), ServiceIds: named(e.services) }));
  const out: Record<string, unknown> = {
    Id: facts.xrayTraceId,
    StartTime: facts.startSeconds,
    HasFault: facts.hasFault,
    HasError: facts.hasError,
    HasThrottle: facts.hasThrottle,
    IsPartial: facts.isPartial,
    Http: http,
    Annotations: annotations,
    Users: [...facts.users].map(([name, services]) => ({ UserName: name, ServiceIds: named(services) })),
    ServiceIds: [...facts.services.values()].map(serviceIdJson),
  };
  if (facts.durationSeconds !== undefined) out.Duration = facts.durationSeconds;
  if (facts.responseTimeSeconds !== undefined) out.ResponseTime = facts.responseTimeSeconds;
  const entry = facts.root === undefined ? undefined : facts.services.get(facts.root.service);
  if (entry !== undefined) out.EntryPoint = serviceIdJson(entry);
  return out;
}
