import { isDuration } from '../../../src/model/duration.js';
import type { SpanKindName } from './trace.js';
import type { UnixMillis } from './time.js';
import { unixMillis } from './time.js';

/** docs/api-native.md: `key=value` (equals), `key~regex` (regex), or `key` (exists). */
export type AttributeFilterOp = 'equals' | 'regex' | 'exists';

export interface AttributeFilter {
  readonly key: string;
  readonly op: AttributeFilterOp;
  readonly value: string;
}

export const LOOKBACKS = ['15m', '1h', '6h', '24h', '7d', 'all', 'custom'] as const;
export type Lookback = (typeof LOOKBACKS)[number];

const LOOKBACK_MILLIS: Record<Exclude<Lookback, 'all' | 'custom'>, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
};

export const SPAN_KINDS: readonly SpanKindName[] = ['SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER', 'INTERNAL', 'UNSPECIFIED'];

/** What the Search page asks for; it round-trips through the page URL (deep links to a search). */
export interface SearchQuery {
  readonly service: string | undefined;
  readonly operation: string | undefined;
  readonly spanKind: SpanKindName | undefined;
  readonly attributes: readonly AttributeFilter[];
  /** As typed: a Go duration (`250ms`, `1.5s`, `1h30m`) or integer microseconds (docs/api-native.md). */
  readonly minDuration: string | undefined;
  readonly maxDuration: string | undefined;
  readonly lookback: Lookback;
  /** With lookback `custom`. */
  readonly start: UnixMillis | undefined;
  readonly end: UnixMillis | undefined;
  readonly limit: number;
  /** UI-only: keep the results whose trace also passes through this service (a service-map edge's other end). */
  readonly via: string | undefined;
}

export const DEFAULT_LIMIT = 20;

export const EMPTY_QUERY: SearchQuery = {
  service: undefined,
  operation: undefined,
  spanKind: undefined,
  attributes: [],
  minDuration: undefined,
  maxDuration: undefined,
  lookback: '1h',
  start: undefined,
  end: undefined,
  limit: DEFAULT_LIMIT,
  via: undefined,
};

export function parseAttributeFilter(text: string): AttributeFilter | undefined {
  const eq = text.indexOf('=');
  const re = text.indexOf('~');
  const at = eq === -1 ? re : re === -1 ? eq : Math.min(eq, re);
  if (at === -1) return text.trim() === '' ? undefined : { key: text.trim(), op: 'exists', value: '' };
  const key = text.slice(0, at).trim();
  if (key === '') return undefined;
  return { key, op: at === eq ? 'equals' : 'regex', value: text.slice(at + 1) };
}

export function formatAttributeFilter(f: AttributeFilter): string {
  if (f.op === 'exists') return f.key;
  return `${f.key}${f.op === 'equals' ? '=' : '~'}${f.value}`;
}

/** Integer microseconds, as the native API also takes them (docs/api-native.md). */
const INTEGER_MICROS = /^\d{1,15}$/;

/** Whether a duration field holds what the API accepts: a Go duration or integer microseconds (empty: no bound). */
export function isDurationText(text: string): boolean {
  return text === '' || INTEGER_MICROS.test(text) || isDuration(text);
}

function nonEmpty(v: string | null): string | undefined {
  return v === null || v === '' ? undefined : v;
}

function millisParam(v: string | null): UnixMillis | undefined {
  if (v === null || !/^\d+$/.test(v)) return undefined;
  return unixMillis(Number(v));
}

/** The query in a Search page URL. Unknown or malformed values fall back to the defaults. */
export function searchQueryFromParams(p: URLSearchParams): SearchQuery {
  const kind = p.get('spanKind');
  const lookback = p.get('lookback');
  const start = millisParam(p.get('start'));
  const end = millisParam(p.get('end'));
  const limit = Number(p.get('limit'));
  return {
    service: nonEmpty(p.get('service')),
    operation: nonEmpty(p.get('operation')),
    spanKind: SPAN_KINDS.find((k) => k === kind),
    attributes: p.getAll('attr').flatMap((t) => parseAttributeFilter(t) ?? []),
    minDuration: nonEmpty(p.get('minDuration')),
    maxDuration: nonEmpty(p.get('maxDuration')),
    lookback: LOOKBACKS.find((l) => l === lookback) ?? (start !== undefined || end !== undefined ? 'custom' : EMPTY_QUERY.lookback),
    start,
    end,
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 1000 ? limit : DEFAULT_LIMIT,
    via: nonEmpty(p.get('via')),
  };
}

/** The query as Search page URL parameters (defaults left out). */
export function searchQueryToParams(q: SearchQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.service) p.set('service', q.service);
  if (q.operation) p.set('operation', q.operation);
  if (q.spanKind) p.set('spanKind', q.spanKind);
  for (const f of q.attributes) p.append('attr', formatAttributeFilter(f));
  if (q.minDuration) p.set('minDuration', q.minDuration);
  if (q.maxDuration) p.set('maxDuration', q.maxDuration);
  if (q.lookback !== EMPTY_QUERY.lookback) p.set('lookback', q.lookback);
  if (q.lookback === 'custom') {
    if (q.start !== undefined) p.set('start', String(q.start));
    if (q.end !== undefined) p.set('end', String(q.end));
  }
  if (q.limit !== DEFAULT_LIMIT) p.set('limit', String(q.limit));
  if (q.via) p.set('via', q.via);
  return p;
}

/** The `/api/v1/traces` parameters for a query, with a relative lookback resolved against `now`. */
export function searchApiParams(q: SearchQuery, now: UnixMillis, cursor?: string): URLSearchParams {
  const p = new URLSearchParams();
  if (q.service) p.set('service', q.service);
  if (q.operation) p.set('operation', q.operation);
  if (q.spanKind) p.set('spanKind', q.spanKind);
  for (const f of q.attributes) p.append('attr', formatAttributeFilter(f));
  if (q.minDuration) p.set('minDuration', q.minDuration);
  if (q.maxDuration) p.set('maxDuration', q.maxDuration);
  if (q.lookback === 'custom') {
    if (q.start !== undefined) p.set('start', String(q.start));
    if (q.end !== undefined) p.set('end', String(q.end));
  } else if (q.lookback !== 'all') {
    p.set('start', String(now - LOOKBACK_MILLIS[q.lookback]));
    p.set('end', String(now));
  }
  p.set('limit', String(q.limit));
  if (cursor !== undefined) p.set('cursor', cursor);
  return p;
}
