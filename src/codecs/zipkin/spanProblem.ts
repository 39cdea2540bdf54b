import { PipelineError } from '../../errors.js';

/** The error a reader throws for one unreadable span; `where` is like `span[3].id`. */
export function spanProblem(where: string, problem: string): PipelineError {
  return new PipelineError('SB_MALFORMED', `${where}: ${problem}`);
}

/**
 * spanProblem for `field` of the span at `where` (`span[3]`, `id`). Readers pass the two parts and the path is joined
 * only here, on the error path: building `span[3].id` for every field of every span is measurable garbage (issue 2
 * item 10).
 */
export function fieldProblem(where: string, field: string, problem: string): PipelineError {
  return spanProblem(`${where}.${field}`, problem);
}
