import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib';
import { PipelineError } from '../errors.js';

const gunzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gunzip);
const inflateAsync = promisify<Buffer, ZlibOptions, Buffer>(inflate);
const brotliAsync = promisify<Buffer, ZlibOptions, Buffer>(brotliDecompress as never);

/**
 * Undoes `Content-Encoding` (gzip, deflate, br, identity) with a limit on the decompressed size, so a small
 * compressed bomb is refused with 413 instead of filling memory.
 */
export async function decodeContentEncoding(body: Buffer, encoding: string | undefined, maxDecompressedBytes: number): Promise<Buffer> {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return body;
  const opts: ZlibOptions = { maxOutputLength: maxDecompressedBytes + 1 };
  let out: Buffer;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') out = await gunzipAsync(body, opts);
    else if (enc === 'deflate') out = await inflateAsync(body, opts);
    else if (enc === 'br') out = await brotliAsync(body, opts);
    else throw new PipelineError('SB_UNSUPPORTED_MEDIA_TYPE', `unsupported Content-Encoding "${encoding}" (use gzip, deflate, br or identity)`);
  } catch (e) {
    if (e instanceof PipelineError) throw e;
    if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PipelineError('SB_TOO_LARGE', `decompressed body is over the limit of ${maxDecompressedBytes} bytes`);
    }
    throw new PipelineError('SB_MALFORMED', `body is not valid ${enc} data: ${(e as Error).message}`);
  }
  if (out.length > maxDecompressedBytes) throw new PipelineError('SB_TOO_LARGE', `decompressed body is over the limit of ${maxDecompressedBytes} bytes`);
  return out;
}
