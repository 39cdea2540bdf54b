import { PipelineError, asPipelineError } from '../../errors.js';
import { startsDictionary } from './batchWire.js';
import { isDataFailure, isUnreadable, type SqliteWriter } from './sqliteWriter.js';

/** What became of one batch of a group: stored (no error), refused, or refused in part (error.refusedSpans). */
export interface BatchOutcome {
  error?: PipelineError;
  /** The writer lost step with the batch's key dictionary: its encoder must start a new one. */
  restart?: boolean;
}

/**
 * Commits groups of encoded batches for the writer thread (docs/threads.md, "From a request to a commit"): a group in
 * one transaction; when that fails because of the spans, each batch alone, and the spans of a batch that fails alone
 * in parts (SqliteWriter.salvage), so that one bad span costs only itself and its sender. Nothing of a batch is kept
 * by the thread that sent it, so the writer alone finds and names what it refuses.
 *
 * Every batch is read once whatever happens, so the key dictionary stays in step with the encoder's. When a batch
 * cannot be read, it is not: the batches after it are refused (retryable, `restart`) until one starts a new dictionary.
 */
export function createGroupCommit(writer: SqliteWriter): (batches: readonly Uint8Array[]) => BatchOutcome[] {
  let outOfStep = false;

  function lostStep(): BatchOutcome {
    return { error: new PipelineError('SB_EXPORT_FAILED', "the store's writer lost step with the batches' key dictionary after a batch it could not read; send again"), restart: true };
  }

  /** After `e` (not caused by the data): the batch is read to keep the dictionary in step, and refused with `e`. */
  function refuse(bytes: Uint8Array, e: PipelineError): BatchOutcome {
    try {
      writer.skip(bytes);
      return { error: e };
    } catch (unread) {
      outOfStep = true;
      return { error: asPipelineError(unread), restart: true };
    }
  }

  /** After the batch failed alone because of its data: stored in parts, naming the spans refused. */
  function salvaged(bytes: Uint8Array, failure: PipelineError): BatchOutcome {
    try {
      const refusal = writer.salvage(bytes, failure);
      return refusal === undefined ? {} : { error: refusal };
    } catch (e) {
      if (!isUnreadable(e)) return { error: asPipelineError(e) };
      outOfStep = true;
      return { error: asPipelineError(e), restart: true };
    }
  }

  /** Writes a batch in a transaction of its own (after its group failed). */
  function alone(bytes: Uint8Array): BatchOutcome {
    if (outOfStep) return lostStep();
    try {
      writer.write(bytes);
      return {};
    } catch (e) {
      const failure = asPipelineError(e);
      return isDataFailure(failure) ? salvaged(bytes, failure) : refuse(bytes, failure);
    }
  }

  return (batches) => {
    const outcomes: BatchOutcome[] = [];
    let from = 0;
    if (outOfStep) {
      while (from < batches.length && !startsDictionary(batches[from] as Uint8Array)) {
        outcomes.push(lostStep());
        from++;
      }
      if (from === batches.length) return outcomes;
      outOfStep = false;
    }
    const group = batches.slice(from);
    try {
      writer.write(...group);
      for (const _ of group) outcomes.push({});
    } catch (e) {
      const failure = asPipelineError(e);
      if (!isDataFailure(failure)) for (const bytes of group) outcomes.push(outOfStep ? lostStep() : refuse(bytes, failure));
      else if (group.length === 1) outcomes.push(salvaged(group[0] as Uint8Array, failure));
      else for (const bytes of group) outcomes.push(alone(bytes));
    }
    return outcomes;
  };
}
