import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { PipelineError } from '../errors.js';
import { decodeContentEncoding } from './decodeContentEncoding.js';

const TEXT = Buffer.from('{"spans":[]}'.repeat(20));

function refusedWith(code: string): (e: unknown) => boolean {
  return (e) => e instanceof PipelineError && e.code === code;
}

test('undoes gzip, x-gzip, deflate and br, in any case and with spaces; identity, empty or no header leave the body as is', async () => {
  assert.deepEqual(await decodeContentEncoding(gzipSync(TEXT), 'gzip', 4096), TEXT);
  assert.deepEqual(await decodeContentEncoding(gzipSync(TEXT), ' X-GZIP ', 4096), TEXT);
  assert.deepEqual(await decodeContentEncoding(deflateSync(TEXT), 'deflate', 4096), TEXT);
  assert.deepEqual(await decodeContentEncoding(brotliCompressSync(TEXT), 'br', 4096), TEXT);
  for (const enc of ['identity', '', undefined]) assert.equal(await decodeContentEncoding(TEXT, enc, 1), TEXT);
});

test('a body that decompresses past the limit is refused as too large, however small it came', async () => {
  const bomb = gzipSync(Buffer.alloc(1024 * 1024));
  assert.ok(bomb.length < 2048);
  await assert.rejects(decodeContentEncoding(bomb, 'gzip', 64 * 1024), refusedWith('SB_TOO_LARGE'));
  await assert.rejects(decodeContentEncoding(brotliCompressSync(Buffer.alloc(1024 * 1024)), 'br', 64 * 1024), refusedWith('SB_TOO_LARGE'));
  assert.equal((await decodeContentEncoding(gzipSync(TEXT), 'gzip', TEXT.length)).length, TEXT.length);
  await assert.rejects(decodeContentEncoding(gzipSync(TEXT), 'gzip', TEXT.length - 1), refusedWith('SB_TOO_LARGE'));
});

test('an unknown encoding is an unsupported media type, and data that is not what it claims is malformed', async () => {
  await assert.rejects(decodeContentEncoding(TEXT, 'compress', 4096), refusedWith('SB_UNSUPPORTED_MEDIA_TYPE'));
  await assert.rejects(decodeContentEncoding(TEXT, 'gzip', 4096), refusedWith('SB_MALFORMED'));
  await assert.rejects(decodeContentEncoding(TEXT, 'deflate', 4096), refusedWith('SB_MALFORMED'));
});
