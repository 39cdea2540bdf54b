/**
 * Bytes of memory the limiter watches: V8 heap in use plus memory held outside the heap by JavaScript objects
 * (Buffers, ArrayBuffers), from `process.memoryUsage()`. These are what incoming span data grows; RSS is left out
 * because it includes freed pages the allocator has not returned yet and so falls late.
 */
export function readProcessMemory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}
