import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { EdgeTables } from './edgeTables.js';
import type { Origins } from './origins.js';
import { int64 } from './int64.js';
import type { TraceSummaries } from './traceSummaries.js';

/** Traces deleted per transaction; writes get the event loop between chunks. */
const TRACES_PER_CHUNK = 200;

/**
 * Retention (README.md, "Retention"): deletes whole traces that started before the cutoff, with their spans, a chunk per transaction; then, in the same turn of the event loop as the last (empty) chunk,
 * the edge minutes and hours that ended by the cutoff (after writing the calls held in memory) and the resources and
 * scopes no remaining span uses. Returns the number of spans deleted. Stops early once `isOpen()` turns false.
 */
export function createDeleteBefore(
  db: Database.Database,
  parts: { traces: TraceSummaries; origins: Origins; edges: EdgeTables },
  hooks: { isOpen: () => boolean; flushEdges: () => void },
): (cutoffNanos: bigint) => Promise<number> {
  const { traces, origins, edges } = parts;
  const selectOld = db.prepare('SELECT seq, trace_id FROM traces WHERE start_ns < ? LIMIT ?').raw();
  const deleteSpans = db.prepare('DELETE FROM spans WHERE trace_seq = ?');
  const deleteTrace = db.prepare('DELETE FROM traces WHERE seq = ?');
  const deleteChunk = db.transaction((rows: [bigint, Buffer][]) => {
    let spans = 0;
    for (const [seq] of rows) {
      spans += deleteSpans.run(seq).changes;
      deleteTrace.run(seq);
    }
    return spans;
  });
  // A block whose spans all start before the cutoff holds spans of traces that did too, deleted above.
  const deleteBlocks = db.prepare('DELETE FROM span_blocks WHERE max_start_ns < ?');
  const deleteRest = db.transaction((cutoff: bigint) => {
    deleteBlocks.run(cutoff);
    edges.deleteBefore(cutoff);
    origins.deleteUnusedBefore(cutoff);
  });

  return async (cutoffNanos) => {
    const cutoff = int64(cutoffNanos);
    let deleted = 0;
    while (hooks.isOpen()) {
      const rows = selectOld.all(cutoff, TRACES_PER_CHUNK) as [bigint, Buffer][];
      if (rows.length === 0) {
        hooks.flushEdges();
        deleteRest(cutoff);
        break;
      }
      deleted += deleteChunk(rows);
      traces.forget(rows.map(([, id]) => id.toString('hex')));
      await yieldToEventLoop();
    }
    return deleted;
  };
}
