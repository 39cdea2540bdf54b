// A generic Thrift struct reader driven by the IDL (thriftIdl.ts): the wire protocol (TBinaryProtocol,
// TCompactProtocol of the `thrift` package) decodes each value, this walks the fields the IDL names. Fields with an
// unknown id or an unexpected wire type are skipped, as generated Thrift code does; a missing required field or a
// short or broken body is an error naming where it happened (`batch.spans[3].startTime: ...`).
import { Thrift, type TProtocol } from 'thrift';
import type { ThriftIdl, ThriftStruct, ThriftType } from './thriftIdl.js';

export type ThriftValue = boolean | number | bigint | string | Uint8Array | ThriftValue[] | ThriftRecord | Map<ThriftValue, ThriftValue>;

/** A decoded struct: field name -> value; fields that were not on the wire are absent. */
export interface ThriftRecord {
  [field: string]: ThriftValue | undefined;
}

/** A body that cannot be read; `where` is the path of the value being read (`batch.spans[3].tags[0].vStr`). */
export class ThriftReadError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(where === '' ? reason : `${where}: ${reason}`);
    this.name = 'ThriftReadError';
  }
}

const T = Thrift.Type;

function wireTypeOf(type: ThriftType, idl: ThriftIdl): number {
  switch (type.kind) {
    case 'bool':
      return T.BOOL;
    case 'byte':
      return T.BYTE;
    case 'i16':
      return T.I16;
    case 'i32':
      return T.I32;
    case 'i64':
      return T.I64;
    case 'double':
      return T.DOUBLE;
    case 'string':
    case 'binary':
      return T.STRING;
    case 'list':
      return T.LIST;
    case 'set':
      return T.SET;
    case 'map':
      return T.MAP;
    case 'named':
      return idl.enums.has(type.name) ? T.I32 : T.STRUCT;
  }
}

/** Prefixes the path of an error raised while reading a nested value. */
function within(segment: string, e: unknown): ThriftReadError {
  if (e instanceof ThriftReadError) return new ThriftReadError(e.where === '' ? segment : e.where.startsWith('[') ? `${segment}${e.where}` : `${segment}.${e.where}`, e.reason);
  const reason = e instanceof Error ? (e.name === 'InputBufferUnderrunError' ? 'the body ends inside this value' : e.message) : String(e);
  return new ThriftReadError(segment, reason);
}

function readCollection(protocol: TProtocol, idl: ThriftIdl, type: Extract<ThriftType, { kind: 'list' | 'set' }>): ThriftValue[] {
  const header = type.kind === 'list' ? protocol.readListBegin() : protocol.readSetBegin();
  const expected = wireTypeOf(type.element, idl);
  if (header.size < 0) throw new ThriftReadError('', `negative ${type.kind} size ${header.size}`);
  if (header.etype !== expected && header.size > 0) throw new ThriftReadError('', `${type.kind} of wire type ${header.etype}, expected ${expected}`);
  const out: ThriftValue[] = [];
  for (let i = 0; i < header.size; i++) {
    try {
      out.push(readValue(protocol, idl, type.element));
    } catch (e) {
      throw within(`[${i}]`, e);
    }
  }
  if (type.kind === 'list') protocol.readListEnd();
  else protocol.readSetEnd();
  return out;
}

function readMap(protocol: TProtocol, idl: ThriftIdl, type: Extract<ThriftType, { kind: 'map' }>): Map<ThriftValue, ThriftValue> {
  const header = protocol.readMapBegin();
  if (header.size < 0) throw new ThriftReadError('', `negative map size ${header.size}`);
  const out = new Map<ThriftValue, ThriftValue>();
  for (let i = 0; i < header.size; i++) {
    try {
      out.set(readValue(protocol, idl, type.key), readValue(protocol, idl, type.value));
    } catch (e) {
      throw within(`[${i}]`, e);
    }
  }
  protocol.readMapEnd();
  return out;
}

function readValue(protocol: TProtocol, idl: ThriftIdl, type: ThriftType): ThriftValue {
  switch (type.kind) {
    case 'bool':
      return protocol.readBool();
    case 'byte':
      return protocol.readByte();
    case 'i16':
      return protocol.readI16();
    case 'i32':
      return protocol.readI32();
    case 'i64':
      return protocol.readI64().toBuffer().readBigInt64BE(0);
    case 'double':
      return protocol.readDouble();
    case 'string':
      return protocol.readString();
    case 'binary':
      // A copy, so a decoded value never keeps the whole request body alive.
      return Uint8Array.from(protocol.readBinary());
    case 'list':
    case 'set':
      return readCollection(protocol, idl, type);
    case 'map':
      return readMap(protocol, idl, type);
    case 'named': {
      if (idl.enums.has(type.name)) return protocol.readI32();
      const struct = idl.structs.get(type.name);
      if (struct === undefined) throw new ThriftReadError('', `${type.name} is not defined in the loaded IDL`);
      return readThriftStruct(protocol, idl, struct);
    }
  }
}

/** Reads one struct of the given IDL definition from the protocol's current position. */
export function readThriftStruct(protocol: TProtocol, idl: ThriftIdl, struct: ThriftStruct): ThriftRecord {
  const record: ThriftRecord = {};
  protocol.readStructBegin();
  for (;;) {
    const header = protocol.readFieldBegin();
    if (header.ftype === T.STOP) break;
    const field = struct.fields.get(header.fid);
    if (field === undefined || header.ftype !== wireTypeOf(field.type, idl)) {
      protocol.skip(header.ftype);
    } else {
      try {
        record[field.name] = readValue(protocol, idl, field.type);
      } catch (e) {
        throw within(field.name, e);
      }
    }
    protocol.readFieldEnd();
  }
  protocol.readStructEnd();
  for (const field of struct.fields.values()) {
    if (field.required && record[field.name] === undefined) throw new ThriftReadError(field.name, 'required field is missing');
  }
  return record;
}
