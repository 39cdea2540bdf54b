// Helpers shared by the store conformance cases.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AnyValue, InstrumentationScope, Resource, Span, TraceBatch } from '../../../src/model/span.js';
import type { TraceStore } from '../../../src/store/store.js';

export type OpenStore = () => Promise<TraceStore>;

/** 2023-11-14T22:13:20Z in nanoseconds: a fixed, recent-looking base time for generated data. */
export const T0 = 1_700_000_000_000_000_000n;
export const MS = 1_000_000n;
export const SECOND = 1_000_000_000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;

/** Deterministic, valid ids: `traceIdOf(7)` = '...0007' with a fixed non-zero prefix. */
export function traceIdOf(n: number): string {
  return 'a1b2c3d4' + n.toString(16).padStart(24, '0');
}

export function spanIdOf(n: number): string {
  return 'b1' + n.toString(16).padStart(14, '0');
}

/** Runs `fn` with a freshly opened store and closes it afterwards. */
export async function withStore(open: OpenStore, fn: (store: TraceStore) => Promise<void>): Promise<void> {
  const store = await open();
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Polls `probe` until it returns a value other than undefined, for effects that follow a store's dependency grace
 * period. Fails after `timeoutMillis`.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMillis = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** One span with the resource and scope it came with; what a store must give back for it. */
export interface StoredSpan {
  resource: Resource;
  resourceSchemaUrl: string;
  scope: InstrumentationScope;
  scopeSchemaUrl: string;
  span: Span;
}

/** Every span of a batch (those of `traceId` only, when given) with its resource and scope, in a canonical order. */
export function storedSpans(batch: TraceBatch, traceId?: string): StoredSpan[] {
  const out: StoredSpan[] = [];
  for (const rs of batch.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        if (traceId === undefined || span.traceId === traceId) out.push({ resource: rs.resource, resourceSchemaUrl: rs.schemaUrl, scope: ss.scope, scopeSchemaUrl: ss.schemaUrl, span });
      }
    }
  }
  return out.map((s) => ({ s, key: canonicalText(s) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ s }) => s);
}

/** A text that is equal for equal model values (bigint apart from number, Maps, bytes, -0 and NaN kept). */
export function canonicalText(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `bytes(${Buffer.from(v).toString('hex')})`;
  if (Array.isArray(v)) return `[${v.map(canonicalText).join(',')}]`;
  if (v instanceof Map) return `map{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${canonicalText(x as AnyValue)}`).join(',')}}`;
  return `{${Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${k}:${canonicalText(x)}`).join(',')}}`;
}

/** Asserts that a stored trace holds exactly the expected spans, each with its resource and scope. */
export function assertSameSpans(actual: TraceBatch | undefined, expected: StoredSpan[], message?: string): void {
  assert.ok(actual !== undefined, message ?? 'trace not found');
  assert.deepStrictEqual(storedSpans(actual), expected, message);
}
