import { PipelineError } from '../../errors.js';

/**
 * The top-level JSON value of a body; an empty body is an empty list (Zipkin accepts it, spec section 1.6). Throws
 * SB_MALFORMED when the text is not JSON.
 */
export function parseJsonBody(body: Buffer | string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') return [];
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `body is not valid JSON: ${(e as Error).message}`);
  }
}
