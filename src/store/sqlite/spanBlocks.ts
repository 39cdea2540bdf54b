import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { HashSet32, addTextHashes, buildBloom } from './blockBloom.js';

// Span blocks (README.md, "Span blocks"): for each write transaction and each service with spans in it, one
// `span_blocks` row - the span id range of the transaction, the earliest and latest start of the service's spans in
// it, and a bloom filter (blockBloom.ts) of their attributes and their resources' - so that a search for an attribute
// reads the spans of the blocks whose filter may hold it rather than every span of the service.

/** Resource attribute index texts remembered by resource id (a resource's spans come in many writes). */
const RESOURCE_TEXTS = 10_000;
/** Builders of services without spans in a write are dropped past this many. */
const KEEP_BUILDERS = 64;

interface Builder {
  hashes: HashSet32;
  spans: number;
  minStart: bigint;
  maxStart: bigint;
  /** The resources whose attributes are in `hashes` already. */
  resources: Set<number>;
}

export interface SpanBlocks {
  /** Starts the blocks of a write transaction, whose first span row will be numbered `firstSpanId`. */
  begin(firstSpanId: number): void;
  /** The spans that follow (until the next call) use this resource of this service; `text` gives its index text. */
  useResource(serviceId: number, resourceId: number, text: () => string): void;
  /** A span of the current resource's service: its start and the bloom hashes of its attributes, hashes[0, count). */
  addSpan(startNanos: bigint, hashes: Uint32Array, count: number): void;
  /** Inserts a block per service with spans since `begin`, whose span rows are numbered below `nextSpanId`. */
  flush(nextSpanId: number): void;
  /** Drops what was gathered (after a rolled-back write). */
  reset(): void;
}

export function createSpanBlocks(db: Database.Database): SpanBlocks {
  const insert = db.prepare('INSERT INTO span_blocks (service_id, min_start_ns, max_start_ns, first_span_id, last_span_id, bloom) VALUES (?, ?, ?, ?, ?, ?)');
  const resourceTexts = new LRUCache<number, string>({ max: RESOURCE_TEXTS });
  const builders = new Map<number, Builder>();
  let firstSpanId = 0;
  let current: Builder | undefined;

  function clear(): void {
    for (const [serviceId, b] of builders) {
      if (b.spans === 0 && builders.size > KEEP_BUILDERS) builders.delete(serviceId);
      b.hashes.clear();
      b.spans = 0;
      b.resources.clear();
    }
    current = undefined;
  }

  return {
    begin(first) {
      firstSpanId = first;
      current = undefined;
    },
    useResource(serviceId, resourceId, text) {
      let b = builders.get(serviceId);
      if (b === undefined) {
        b = { hashes: new HashSet32(), spans: 0, minStart: 0n, maxStart: 0n, resources: new Set() };
        builders.set(serviceId, b);
      }
      current = b;
      if (b.resources.has(resourceId)) return;
      b.resources.add(resourceId);
      let t = resourceTexts.get(resourceId);
      if (t === undefined) {
        t = text();
        resourceTexts.set(resourceId, t);
      }
      addTextHashes(t, b.hashes);
    },
    addSpan(startNanos, hashes, count) {
      const b = current as Builder;
      if (b.spans === 0 || startNanos < b.minStart) b.minStart = startNanos;
      if (b.spans === 0 || startNanos > b.maxStart) b.maxStart = startNanos;
      b.spans++;
      for (let i = 0; i < count; i++) b.hashes.add(hashes[i] as number);
    },
    flush(nextSpanId) {
      for (const [serviceId, b] of builders) {
        if (b.spans > 0) insert.run(serviceId, b.minStart, b.maxStart, firstSpanId, nextSpanId - 1, buildBloom(b.hashes));
      }
      clear();
    },
    reset() {
      clear();
      resourceTexts.clear();
    },
  };
}
