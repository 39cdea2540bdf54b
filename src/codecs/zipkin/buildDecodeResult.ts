import { PipelineError } from '../../errors.js';
import { applyCoreAnnotations } from './applyCoreAnnotations.js';
import type { ZipkinDecodeOptions, ZipkinDecodeResult } from './zipkinDecodeResult.js';
import type { ZipkinSpan } from './zipkinSpan.js';
import { zipkinSpanToModel, type ModelledZipkinSpan } from './zipkinSpanToModel.js';
import { zipkinSpansToBatch } from './zipkinSpansToBatch.js';

/** Problems listed in a result at most; `rejected` still counts them all. */
const MAX_PROBLEMS = 20;

/**
 * Reads every element with `read` (which throws SB_MALFORMED for an unusable span) and maps the spans to a batch.
 * A bad element is dropped and counted with its reason, never failing the others (spec section 2.8).
 */
export function buildDecodeResult<T>(items: readonly T[], read: (item: T, where: string) => ZipkinSpan[], options: ZipkinDecodeOptions = {}): ZipkinDecodeResult {
  const modelled: ModelledZipkinSpan[] = [];
  const problems: string[] = [];
  let rejected = 0;
  const parseStringTags = options.parseStringTags === true;
  for (let i = 0; i < items.length; i++) {
    try {
      for (const z of read(items[i] as T, `span[${i}]`)) for (const s of applyCoreAnnotations(z)) modelled.push(zipkinSpanToModel(s, parseStringTags));
    } catch (e) {
      if (!(e instanceof PipelineError)) throw e;
      rejected++;
      if (problems.length < MAX_PROBLEMS) problems.push(e.message);
    }
  }
  return { batch: zipkinSpansToBatch(modelled), rejected, problems };
}
