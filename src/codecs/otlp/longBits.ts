import type { PbLong } from './protoShapes.js';

const TWO_32 = 1n << 32n;
const MASK_32 = 0xffff_ffffn;

/** fixed64 / uint64 from protobufjs (a `long` object, or a number when the value came from a plain object). */
export function u64FromPb(v: PbLong | number | undefined): bigint {
  if (v === undefined) return 0n;
  if (typeof v === 'number') return BigInt(v);
  return v.high === 0 ? BigInt(v.low >>> 0) : BigInt(v.high >>> 0) * TWO_32 + BigInt(v.low >>> 0);
}

/** int64 (two's complement) from protobufjs. */
export function i64FromPb(v: PbLong | number | undefined): bigint {
  if (v === undefined) return 0n;
  if (typeof v === 'number') return BigInt(v);
  return BigInt.asIntN(64, BigInt(v.high >>> 0) * TWO_32 + BigInt(v.low >>> 0));
}

/** Any 64-bit value (unsigned, or signed two's complement) as the halves protobufjs writes. */
export function pbFromBigInt(v: bigint): PbLong {
  const u = BigInt.asUintN(64, v);
  return { low: Number(u & MASK_32) | 0, high: Number(u >> 32n) | 0 };
}
