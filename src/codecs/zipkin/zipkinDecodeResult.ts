// What every Zipkin decoder returns, and the steps they share: parsing a JSON body, reading each element on its own,
// and mapping the spans read to one batch.
import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';
import { repairLoneSurrogates } from '../../model/wellFormedStrings.js';
import type { ZipkinSpan } from './zipkinSpan.js';
import { applyCoreAnnotations, zipkinSpanToModel, zipkinSpansToBatch, type ModelledZipkinSpan } from './zipkinToModel.js';

export interface ZipkinDecodeOptions {
  /** Type tag values (int, double, bool) by the collector's `parse_string_tags` rules. */
  parseStringTags?: boolean;
}

/**
 * What a decoder returns: the spans it could read, and how many it dropped and why (one bad span does not reject the
 * batch, so one broken client cannot make a whole mesh's spans bounce). `problems` name the span and field, e.g.
 * `span[3].id: not hex`.
 */
export interface ZipkinDecodeResult {
  batch: TraceBatch;
  rejected: number;
  problems: string[];
}

/** Problems listed in a result at most; `rejected` still counts them all. */
const MAX_PROBLEMS = 20;

/**
 * The top-level JSON value of a body; an empty body is an empty list (Zipkin's own server accepts it). Throws
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

/**
 * Reads every element with `read` (which throws SB_MALFORMED for an unusable span) and maps the spans to a batch,
 * with lone surrogates in its strings repaired (model/wellFormedStrings.ts). A bad element is dropped and counted with
 * its reason, never failing the others.
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
  const batch = zipkinSpansToBatch(modelled);
  repairLoneSurrogates(batch);
  return { batch, rejected, problems };
}
