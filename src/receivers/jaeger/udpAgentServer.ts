// The Jaeger agent's UDP ports: each datagram is one Thrift message `Agent.emitBatch(jaeger.Batch)`, in
// TCompactProtocol (6831) or TBinaryProtocol (6832), what jaeger-client's UDPSender sends. UDP has no answer: a
// datagram that cannot be used is counted and dropped, as are datagrams over max_packet_size or queue_size and those
// the pipeline refuses.
import { createSocket, type Socket } from 'node:dgram';
import { decodeJaegerAgentMessage, type ThriftProtocolName } from '../../codecs/jaeger/decodeJaegerThrift.js';
import { jaegerBatchToModel } from '../../codecs/jaeger/jaegerBatchToModel.js';
import { countSpans } from '../../model/batch.js';
import { parseEndpoint } from '../../config/endpoint.js';
import { PipelineError, asDecodeError } from '../../errors.js';
import { stampTenant } from '../../http/tenancy.js';
import type { JaegerUdpConfig } from './config.js';
import type { JaegerIntake, JaegerTransport } from './intake.js';
import type { ListeningServer } from './listeningServer.js';

export function createUdpAgentServer(config: JaegerUdpConfig, protocol: ThriftProtocolName, intake: JaegerIntake): ListeningServer {
  const transport: JaegerTransport = protocol === 'compact' ? 'udp_compact' : 'udp_binary';
  const pending = new Set<Promise<void>>();
  let socket: Socket | undefined;
  let bound = '';
  let tenant: string | undefined;

  function onDatagram(datagram: Buffer): void {
    let result;
    try {
      if (datagram.length > config.max_packet_size) throw new PipelineError('SB_TOO_LARGE', `datagram of ${datagram.length} bytes is over max_packet_size`);
      result = jaegerBatchToModel(decodeJaegerAgentMessage(datagram, protocol));
    } catch (e) {
      intake.refused(transport, asDecodeError(e));
      return;
    }
    if (pending.size >= config.queue_size) {
      intake.refused(transport, new PipelineError('SB_QUEUE_FULL', 'queue_size datagrams are waiting for the pipeline'), countSpans(result.batch));
      return;
    }
    // Refusals are counted by the intake; a datagram has nobody to tell.
    const p: Promise<void> = intake
      .accept({ ...result, batch: stampTenant(result.batch, tenant) }, transport)
      .catch(() => undefined)
      .finally(() => pending.delete(p));
    pending.add(p);
  }

  return {
    async listen(_authenticator, tenancy) {
      tenant = tenancy?.headerlessTenant;
      const { host, port } = parseEndpoint(config.endpoint);
      const s = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
      s.on('message', onDatagram);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.bind(port, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      // Errors after binding concern single datagrams; the socket keeps receiving.
      s.on('error', () => undefined);
      const a = s.address();
      bound = `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
      socket = s;
    },
    async close() {
      const s = socket;
      socket = undefined;
      if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
      await Promise.all([...pending]);
    },
    address: () => bound,
  };
}
