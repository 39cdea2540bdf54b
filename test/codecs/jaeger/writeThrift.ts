// Test support: encodes Jaeger Thrift structs (plain objects keyed by the IDL's field names, as readThriftStruct
// returns them) with the `thrift` package's TCompactProtocol or TBinaryProtocol, walking the same vendored IDL. No
// JavaScript Jaeger client speaks the compact protocol, so compact datagrams for the tests are made here.
import thrift, { TBinaryProtocol, TCompactProtocol, TFramedTransport, Thrift, type TProtocol } from 'thrift';
import { jaegerThriftIdl, type ThriftProtocolName } from '../../../src/codecs/jaeger/decodeJaegerThrift.js';
import type { ThriftRecord, ThriftValue } from '../../../src/codecs/jaeger/readThriftStruct.js';
import type { ThriftStruct, ThriftType } from '../../../src/codecs/jaeger/thriftIdl.js';

type I64 = Parameters<TProtocol['writeI64']>[0];
const fromBigInt = (thrift as unknown as { fromBigInt(v: bigint): I64 }).fromBigInt;
const T = Thrift.Type;

function wireType(type: ThriftType): Thrift.Type {
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
      return jaegerThriftIdl.enums.has(type.name) ? T.I32 : T.STRUCT;
  }
}

function writeValue(p: TProtocol, type: ThriftType, v: ThriftValue): void {
  switch (type.kind) {
    case 'bool':
      return p.writeBool(v as boolean);
    case 'byte':
      return p.writeByte(v as number);
    case 'i16':
      return p.writeI16(v as number);
    case 'i32':
      return p.writeI32(v as number);
    case 'i64':
      return p.writeI64(fromBigInt(BigInt(v as bigint | number)));
    case 'double':
      return p.writeDouble(v as number);
    case 'string':
      return p.writeString(v as string);
    case 'binary':
      return p.writeBinary(Buffer.from(v as Uint8Array));
    case 'list':
    case 'set': {
      const items = v as ThriftValue[];
      p.writeListBegin(wireType(type.element), items.length);
      for (const item of items) writeValue(p, type.element, item);
      return p.writeListEnd();
    }
    case 'map':
      throw new Error('maps are not used by the Jaeger IDL');
    case 'named': {
      if (jaegerThriftIdl.enums.has(type.name)) return p.writeI32(v as number);
      const struct = jaegerThriftIdl.structs.get(type.name);
      if (struct === undefined) throw new Error(`unknown struct ${type.name}`);
      return writeStruct(p, struct, v as ThriftRecord);
    }
  }
}

function writeStruct(p: TProtocol, struct: ThriftStruct, record: ThriftRecord): void {
  p.writeStructBegin(struct.name);
  for (const field of struct.fields.values()) {
    const v = record[field.name];
    if (v === undefined) continue;
    p.writeFieldBegin(field.name, wireType(field.type), field.id);
    writeValue(p, field.type, v);
    p.writeFieldEnd();
  }
  p.writeFieldStop();
  p.writeStructEnd();
}

function encode(protocolName: ThriftProtocolName, write: (p: TProtocol) => void): Buffer {
  let out: Buffer = Buffer.alloc(0);
  // TFramedTransport hands its flush a 4-byte length prefix and the frame; the frame is the datagram or body.
  const transport = new TFramedTransport(undefined, (msg) => {
    if (msg !== undefined) out = msg.subarray(4);
  });
  const p = protocolName === 'compact' ? new TCompactProtocol(transport) : new TBinaryProtocol(transport);
  write(p);
  p.flush();
  return out;
}

function struct(name: string): ThriftStruct {
  const s = jaegerThriftIdl.structs.get(name);
  if (s === undefined) throw new Error(`unknown struct ${name}`);
  return s;
}

/** A `jaeger.Batch` struct, as POSTed to /api/traces. */
export function encodeThriftBatch(batch: ThriftRecord, protocolName: ThriftProtocolName = 'binary'): Buffer {
  return encode(protocolName, (p) => writeStruct(p, struct('jaeger.Batch'), batch));
}

/** An agent datagram: the one-way message `emitBatch(batch)` (or another method name, for tests of refusals). */
export function encodeAgentMessage(batch: ThriftRecord, protocolName: ThriftProtocolName, method = 'emitBatch'): Buffer {
  return encode(protocolName, (p) => {
    p.writeMessageBegin(method, Thrift.MessageType.ONEWAY, 1);
    writeStruct(p, struct('agent.Agent.emitBatch'), { batch });
    p.writeMessageEnd();
  });
}
