import { randomBytes, randomUUID } from 'node:crypto';

/** A random non-zero id of `hexDigits` lower-case hex digits (16 for span ids and 64-bit trace ids, 32 for 128-bit). */
export function randomHexId(hexDigits: 16 | 32): string {
  for (;;) {
    const id = randomBytes(hexDigits / 2).toString('hex');
    if (!/^0+$/.test(id)) return id;
  }
}

/**
 * A version-4 UUID without its dashes: 32 hex digits, FSM's span id (docs/zipkin-mesh.md, "Sidecar spans from FSM").
 */
export function uuidHex(): string {
  return randomUUID().replaceAll('-', '');
}
