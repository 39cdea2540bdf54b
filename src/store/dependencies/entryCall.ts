import { SpanKind } from '../../model/span.js';
import type { Attributes, Span } from '../../model/span.js';
import { classifyCall, httpStatusOf } from './callOutcome.js';
import type { EdgeCall } from './dependencyLinker.js';
import { factsOf, type SpanFacts } from './linkableSpan.js';

/**
 * The caller of an entry call: a client that sends no spans (a browser, a load balancer, a job). Never a service name
 * (stores name a resource without `service.name` `unknown_service`), and never shown as a dependency: only the service
 * map (StoreReader.getServiceMap) reads these edges, as X-Ray's client nodes.
 */
export const ENTRY_CALLER = '';

/**
 * The call a span with no parent stands for: one from outside into its service, with the span's duration and outcome.
 * A CONSUMER with links has a producer it may pair with (dependencyLinker.ts), so it is none. Stores add these
 * calls to their edges beside the pairs the linker makes, so the service map knows how often each service was entered
 * and how it answered.
 */
export function entryCall(span: Span, service: string): EdgeCall | undefined {
  return entryCallFrom(factsOf(span), span.attributes, service);
}

/** The same from a span's facts and its attributes (those in LINKING_ATTRIBUTES are enough). */
export function entryCallFrom(f: SpanFacts, attributes: Attributes, service: string): EdgeCall | undefined {
  if (f.parentSpanId !== '' || (f.kind === SpanKind.CONSUMER && f.links.length > 0)) return undefined;
  const duration = f.endNanos - f.startNanos;
  return {
    parent: ENTRY_CALLER,
    child: service,
    virtual: false,
    startNanos: f.startNanos,
    durationNanos: duration > 0n ? duration : 0n,
    outcome: classifyCall(httpStatusOf(attributes), f.statusError),
  };
}
