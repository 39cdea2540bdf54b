import { PipelineError } from '../../errors.js';
import { buildDecodeResult } from './buildDecodeResult.js';
import { readV2ProtoSpan } from './readV2ProtoSpan.js';
import type { ZipkinDecodeOptions, ZipkinDecodeResult } from './zipkinDecodeResult.js';
import { ListOfSpansType } from './zipkinProto.js';
import type { ProtoListOfSpans } from './zipkinProtoMessage.js';

/**
 * A proto3 `zipkin.proto3.ListOfSpans` (Content-Type application/x-protobuf, spec section 1.2) to a batch. Throws
 * SB_MALFORMED when the bytes are not a ListOfSpans; unusable spans are dropped and reported in the result.
 */
export function decodeZipkinV2Proto(body: Uint8Array, options?: ZipkinDecodeOptions): ZipkinDecodeResult {
  let list: ProtoListOfSpans;
  try {
    list = ListOfSpansType.decode(body) as unknown as ProtoListOfSpans;
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `body is not a protobuf zipkin.proto3.ListOfSpans: ${(e as Error).message}`);
  }
  return buildDecodeResult(list.spans, (p, where) => [readV2ProtoSpan(p, where)], options);
}
