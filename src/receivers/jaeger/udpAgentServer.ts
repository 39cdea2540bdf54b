// The Jaeger agent's UDP ports: each datagram is one Thrift message `Agent.emitBatch(jaeger.Batch)`, in
// TCompactProtocol (6831) or TBinaryProtocol (6832), what jaeger-client's UDPSender sends. UDP has no answer: a
// datagram that cannot be used is counted and dropped, as are datagrams over max_packet_size or queue_size and those
// the pipeline refuses.
import { decodeJaegerAgentMessage, type ThriftProtocolName } from '../../codecs/jaeger/decodeJaegerThrift.js';
import { jaegerBatchToModel } from '../../codecs/jaeger/jaegerBatchToModel.js';
import { countSpans } from '../../model/batch.js';
import { PipelineError, asDecodeError } from '../../errors.js';
import { stampTenant } from '../../http/tenancy.js';
import { listenUdp, type UdpListener } from '../../http/udpListener.js';
import type { JaegerUdpConfig } from './config.js';
import type { JaegerIntake, JaegerTransport } from './intake.js';
import type { ListeningServer } from './listeningServer.js';

export function createUdpAgentServer(config: JaegerUdpConfig, protocol: ThriftProtocolName, intake: JaegerIntake): ListeningServer {
  const transport: JaegerTransport = protocol === 'compact' ? 'udp_compact' : 'udp_binary';
  let listener: UdpListener | undefined;
  let tenant: string | undefined;

  function onDatagram(datagram: Buffer, udp: UdpListener): void {
    let result;
    try {
      if (datagram.length > config.max_packet_size) throw new PipelineError('SB_TOO_LARGE', `datagram of ${datagram.length} bytes is over max_packet_size`);
      result = jaegerBatchToModel(decodeJaegerAgentMessage(datagram, protocol));
    } catch (e) {
      intake.refused(transport, asDecodeError(e));
      return;
    }
    const decoded = result;
    // Refusals are counted by the intake; a datagram has nobody to tell.
    const handed = udp.deliver(() => intake.accept({ ...decoded, batch: stampTenant(decoded.batch, tenant) }, transport));
    if (!handed) intake.refused(transport, new PipelineError('SB_QUEUE_FULL', 'queue_size datagrams are waiting for the pipeline'), countSpans(decoded.batch));
  }

  return {
    async listen(_authenticator, tenancy) {
      tenant = tenancy?.headerlessTenant;
      listener = await listenUdp(config.endpoint, config.queue_size, onDatagram);
    },
    async close() {
      const l = listener;
      listener = undefined;
      await l?.close();
    },
    address: () => listener?.address ?? '',
  };
}
