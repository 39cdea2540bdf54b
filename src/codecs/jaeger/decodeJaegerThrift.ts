// Jaeger Thrift bodies: a `jaeger.Batch` in TBinaryProtocol (what jaeger-collector takes on POST /api/traces) and the
// agent's `Agent.emitBatch` one-way call in TCompactProtocol (UDP 6831) or TBinaryProtocol (UDP 6832). The protocols
// come from the `thrift` package; the structs from the vendored IDL (proto/jaeger/thrift).
import { TBinaryProtocol, TCompactProtocol, TFramedTransport, Thrift, type TProtocol } from 'thrift';
import { PipelineError } from '../../errors.js';
import { packagePath } from '../../packageRoot.js';
import type { JaegerBatch } from './jaegerSpan.js';
import { readThriftStruct, ThriftReadError } from './readThriftStruct.js';
import { loadThriftIdl, type ThriftStruct } from './thriftIdl.js';
import { thriftBatchToJaeger } from './thriftBatchToJaeger.js';

export type ThriftProtocolName = 'binary' | 'compact';

/** The vendored IDL files, for tests and encoders that need the same definitions. */
export const JAEGER_THRIFT_FILES = ['jaeger.thrift', 'agent.thrift'].map((f) => packagePath('proto', 'jaeger', 'thrift', f));

export const jaegerThriftIdl = loadThriftIdl(JAEGER_THRIFT_FILES);

function struct(name: string): ThriftStruct {
  const s = jaegerThriftIdl.structs.get(name);
  if (s === undefined) throw new Error(`${name} is missing from the Jaeger Thrift IDL`);
  return s;
}

const BATCH = struct('jaeger.Batch');
const EMIT_BATCH_ARGS = struct('agent.Agent.emitBatch');

function protocolOver(bytes: Uint8Array, name: ThriftProtocolName): TProtocol {
  // TFramedTransport reads a whole in-memory frame; the UDP datagram or HTTP body is that frame.
  const transport = new TFramedTransport(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return name === 'compact' ? new TCompactProtocol(transport) : new TBinaryProtocol(transport);
}

function malformed(what: string, e: unknown): PipelineError {
  if (e instanceof PipelineError) return e;
  const detail = e instanceof ThriftReadError ? e.message : e instanceof Error ? e.message : String(e);
  return new PipelineError('SB_MALFORMED', `${what}: ${detail}`);
}

/** A `jaeger.Batch` struct in TBinaryProtocol, as POSTed to jaeger-collector's `/api/traces`. Throws SB_MALFORMED. */
export function decodeJaegerThriftBatch(body: Uint8Array): JaegerBatch {
  let record;
  try {
    record = readThriftStruct(protocolOver(body, 'binary'), jaegerThriftIdl, BATCH);
  } catch (e) {
    throw malformed('body is not a Jaeger Thrift Batch', e instanceof ThriftReadError ? new ThriftReadError(e.where === '' ? 'batch' : `batch.${e.where}`, e.reason) : e);
  }
  return thriftBatchToJaeger(record);
}

/**
 * One agent datagram: a Thrift message `emitBatch(1: jaeger.Batch batch)`. `emitZipkinBatch` (Zipkin v1 Thrift) is
 * refused, as the Collector does. Throws SB_MALFORMED naming what was wrong.
 */
export function decodeJaegerAgentMessage(datagram: Uint8Array, protocolName: ThriftProtocolName): JaegerBatch {
  const protocol = protocolOver(datagram, protocolName);
  let name: string;
  let type: number;
  try {
    ({ fname: name, mtype: type } = protocol.readMessageBegin());
  } catch (e) {
    throw malformed(`datagram is not a Thrift ${protocolName}-protocol message`, e);
  }
  if (name === 'emitZipkinBatch') throw new PipelineError('SB_MALFORMED', 'Agent.emitZipkinBatch (Zipkin Thrift) is not supported: send emitBatch with a jaeger.Batch');
  if (name !== 'emitBatch') throw new PipelineError('SB_MALFORMED', `unknown Agent method "${name}": expected emitBatch`);
  if (type !== Thrift.MessageType.ONEWAY && type !== Thrift.MessageType.CALL) throw new PipelineError('SB_MALFORMED', `emitBatch message of type ${type}: expected a one-way call`);
  let args;
  try {
    args = readThriftStruct(protocol, jaegerThriftIdl, EMIT_BATCH_ARGS);
  } catch (e) {
    throw malformed('emitBatch arguments', e);
  }
  const batch = args.batch;
  if (batch === undefined || typeof batch !== 'object' || batch instanceof Uint8Array || Array.isArray(batch) || batch instanceof Map) {
    throw new PipelineError('SB_MALFORMED', 'emitBatch arguments: batch is missing');
  }
  return thriftBatchToJaeger(batch);
}
