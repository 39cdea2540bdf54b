import { PipelineError } from '../../errors.js';

/**
 * A problem with one field, thrown deep in a decoder and given its path on the way out: each level that knows its own
 * segment (`spans[2]`, `traceId`) prefixes it, so paths cost nothing unless something is wrong.
 */
export class FieldProblem extends Error {
  path: string;

  constructor(path: string, problem: string) {
    super(problem);
    this.name = 'FieldProblem';
    this.path = path;
  }
}

/** Prefixes `segment` to the path of a FieldProblem and returns the error to rethrow; other errors pass unchanged. */
export function under(e: unknown, segment: string): unknown {
  if (e instanceof FieldProblem) e.path = e.path === '' ? segment : e.path.startsWith('[') ? segment + e.path : `${segment}.${e.path}`;
  return e;
}

/** The PipelineError a sender sees: `resourceSpans[0].scopeSpans[1].spans[2].traceId: expected 32 hex digits`. */
export function asMalformed(e: unknown, what: string): PipelineError {
  if (e instanceof PipelineError) return e;
  if (e instanceof FieldProblem) return new PipelineError('SB_MALFORMED', `${e.path}: ${e.message}`);
  return new PipelineError('SB_MALFORMED', `${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/**
 * A span's own trace or span id, which must not be all zeros (OTLP specification: such ids are invalid; the store
 * refuses them). Refused here, where the request is still one sender's, rather than in a batch merged with others.
 */
export function nonZeroId(id: string, field: string): string {
  if (/^0+$/.test(id)) throw new FieldProblem(field, 'all zeros (an invalid id)');
  return id;
}
