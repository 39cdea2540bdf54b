import { PipelineError } from '../../errors.js';

/** The error a reader throws for one unreadable span; `where` is like `span[3].id`. */
export function spanProblem(where: string, problem: string): PipelineError {
  return new PipelineError('SB_MALFORMED', `${where}: ${problem}`);
}
