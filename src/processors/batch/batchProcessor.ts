import { PipelineError } from '../../errors.js';
import { countSpans, forEachSpan } from '../../model/batch.js';
import { parseDurationMillis } from '../../model/duration.js';
import { spanKeyHash } from '../../model/ids.js';
import type { TraceBatch } from '../../model/span.js';
import type { ComponentSettings, Consumer, Processor } from '../../pipeline/component.js';
import { createBatchBuilder } from './batchBuilder.js';
import type { BatchConfig } from './config.js';
import { splitBatch } from './splitBatch.js';

/**
 * Spans held plus spans handed on but not yet accepted may reach this multiple of the batch size (send_batch_size, or
 * send_batch_max_size when larger) before new data is refused: every queue is bounded, so a slow consumer turns into
 * refusals the sender can retry instead of unbounded memory.
 */
const PENDING_LIMIT_MULTIPLE = 10;
const FALLBACK_BATCH_SIZE = 8192;
const QUEUE_FULL_RETRY_MILLIS = 1000;

const NO_SPANS: TraceBatch = Object.freeze({ resourceSpans: Object.freeze([]) as unknown as TraceBatch['resourceSpans'] });

/** One `consume` call: its spans may travel in several outgoing batches; it settles when all of them have. */
interface Pending {
  batch: TraceBatch;
  /** Spans of this call still held here. */
  held: number;
  /** Outgoing batches with spans of this call that `next` has not answered yet. */
  unanswered: number;
  settled: boolean;
  resolve(): void;
  reject(e: unknown): void;
}

/**
 * Which parts a refusal concerns: for a partial refusal (PipelineError.refusedSpans, e.g. the store kept all but one
 * span), those whose pieces hold a refused span; else, or when some refused span is in no piece (a consumer that
 * refused spans it made itself), undefined: all of them. Pieces are kept as hashes of the spans' keys, not the span
 * objects, so a batch's spans are garbage once the consumer has read them (docs/threads.md); a hash that two spans
 * share can only blame one part too many, which its sender answers by sending again.
 */
function blame(pieces: readonly Int32Array[], error: unknown): boolean[] | undefined {
  const refused = error instanceof PipelineError ? error.refusedSpans : undefined;
  if (refused === undefined) return undefined;
  const blamed = pieces.map(() => false);
  for (const key of refused) {
    const h = spanKeyHash(key, '');
    let hit = false;
    pieces.forEach((hashes, i) => {
      if (hashes.includes(h)) hit = blamed[i] = true;
    });
    if (!hit) return undefined;
  }
  return blamed;
}

/**
 * The Collector's batch processor with honest acknowledgements (docs/architecture.md, "The acknowledgement contract"):
 * `consume` resolves only once every
 * outgoing batch holding its spans has been accepted by `next`, and rejects with the first refusal. A refused call's
 * remaining spans are still sent (at-least-once: the sender resends all of them). A refusal of only some spans of an
 * outgoing batch (PipelineError.refusedSpans) fails only the calls that sent them: one sender's bad span never fails
 * the other senders whose spans travelled with it.
 *
 * Size trigger: once `send_batch_size` spans are held they are sent, in batches of at most `send_batch_max_size`; a
 * remainder below `send_batch_size` waits. Time trigger: no span waits longer than `timeout` (the timer starts when the
 * first span arrives in an empty buffer). `timeout: 0` sends at once. Batches handed on belong to `next`.
 *
 * Tenants never share a batch: each tenant (docs/security.md, "Tenants") has a batcher of its own, with its own
 * buffer, timer and bound, and its outgoing batches carry its tenant.
 */
export function createBatchProcessor(settings: ComponentSettings, config: BatchConfig, next: Consumer): Processor {
  const untenanted = createBatcher(settings, config, next, undefined);
  const byTenant = new Map<string, Processor>();
  let stopping = false;
  return {
    async start() {},
    consume(batch) {
      if (batch.tenant === undefined) return untenanted.consume(batch);
      let batcher = byTenant.get(batch.tenant);
      if (batcher === undefined) {
        if (stopping) return Promise.reject(new PipelineError('SB_SHUTTING_DOWN', `processor ${settings.id} is shutting down`));
        batcher = createBatcher(settings, config, next, batch.tenant);
        byTenant.set(batch.tenant, batcher);
      }
      return batcher.consume(batch);
    },
    async shutdown() {
      stopping = true;
      await Promise.all([untenanted, ...byTenant.values()].map((b) => b.shutdown()));
    },
  };
}

/** One buffer of the processor, for the batches of one tenant (or of none). */
function createBatcher(settings: ComponentSettings, config: BatchConfig, next: Consumer, tenant: string | undefined): Processor {
  const { id, telemetry } = settings;
  const sendBatchSize = config.send_batch_size;
  const maxSize = config.send_batch_max_size > 0 ? config.send_batch_max_size : Number.POSITIVE_INFINITY;
  const timeoutMillis = parseDurationMillis(config.timeout);
  const pendingLimit = PENDING_LIMIT_MULTIPLE * (Math.max(config.send_batch_size, config.send_batch_max_size) || FALLBACK_BATCH_SIZE);

  // A FIFO of calls with spans still held; `head` avoids O(n) shifts when many small calls wait.
  let queue: Array<Pending | undefined> = [];
  let head = 0;
  let heldSpans = 0;
  let inFlightSpans = 0;
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;

  /** `pieces[i]`: the key hashes of the spans `parts[i]` put into the outgoing batch that `next` answered with `error`. */
  function answered(parts: readonly Pending[], pieces: readonly Int32Array[], error: unknown): void {
    const blamed = error === undefined ? undefined : blame(pieces, error);
    parts.forEach((p, i) => {
      p.unanswered--;
      if (p.settled) return;
      if (error !== undefined && (blamed === undefined || blamed[i] === true)) {
        p.settled = true;
        p.reject(error);
      } else if (p.held === 0 && p.unanswered === 0) {
        p.settled = true;
        p.resolve();
      }
    });
  }

  function sendOne(): void {
    const builder = createBatchBuilder();
    const parts: Pending[] = [];
    const pieces: Int32Array[] = [];
    let taken = 0;
    while (taken < maxSize && head < queue.length) {
      const p = queue[head] as Pending;
      const room = maxSize - taken;
      let piece: TraceBatch;
      const count = Math.min(p.held, room);
      if (p.held <= room) {
        piece = p.batch;
        taken += p.held;
        p.held = 0;
        // The call is answered later through `parts`; its spans are the outgoing batch's now.
        p.batch = NO_SPANS;
        queue[head++] = undefined;
      } else {
        piece = splitBatch(p.batch, room);
        taken += room;
        p.held -= room;
      }
      const hashes = new Int32Array(count);
      let n = 0;
      forEachSpan(piece, (span) => {
        hashes[n++] = spanKeyHash(span.traceId, span.spanId);
      });
      builder.add(piece);
      p.unanswered++;
      parts.push(p);
      pieces.push(hashes);
    }
    if (head === queue.length || (head > 1024 && head * 2 > queue.length)) {
      queue = queue.slice(head);
      head = 0;
    }
    heldSpans -= taken;
    inFlightSpans += taken;
    const out = builder.build();
    if (tenant !== undefined) out.tenant = tenant;
    const sent: Promise<void> = new Promise<void>((resolve) => resolve(next.consume(out)))
      .then(
        () => undefined,
        (e: unknown) => e ?? new PipelineError('SB_EXPORT_FAILED', `processor ${id}: the next consumer refused a batch`),
      )
      .then((error) => {
        inFlightSpans -= taken;
        inFlight.delete(sent);
        answered(parts, pieces, error);
      });
    inFlight.add(sent);
  }

  function drain(all: boolean): void {
    while (heldSpans > 0 && (all || timeoutMillis === 0 || heldSpans >= sendBatchSize)) sendOne();
    if (heldSpans === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    } else if (heldSpans > 0 && timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        drain(true);
      }, timeoutMillis);
    }
  }

  return {
    async start() {},
    consume(batch) {
      if (stopping) return Promise.reject(new PipelineError('SB_SHUTTING_DOWN', `processor ${id} is shutting down`));
      const spans = countSpans(batch);
      if (spans === 0) return Promise.resolve();
      const pending = heldSpans + inFlightSpans;
      if (pending > 0 && pending + spans > pendingLimit) {
        telemetry.processorRefused(id, spans);
        return Promise.reject(
          new PipelineError('SB_QUEUE_FULL', `processor ${id}: ${pending} spans are waiting (limit ${pendingLimit}); send again later`, { retryAfterMillis: QUEUE_FULL_RETRY_MILLIS }),
        );
      }
      const done = new Promise<void>((resolve, reject) => {
        queue.push({ batch, held: spans, unanswered: 0, settled: false, resolve, reject });
      });
      heldSpans += spans;
      drain(false);
      return done;
    },
    async shutdown() {
      stopping = true;
      drain(true);
      await Promise.allSettled([...inFlight]);
    },
  };
}
