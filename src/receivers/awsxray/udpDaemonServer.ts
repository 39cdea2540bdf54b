import { asPipelineError } from '../../errors.js';
import { stampTenant } from '../../http/tenancy.js';
import { listenUdp, type UdpListener } from '../../http/udpListener.js';
import { countSpans } from '../../model/batch.js';
import type { Consumer } from '../../pipeline/component.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import { decodeSegmentDocument } from '../../xray/api/decodeSegmentDocument.js';
import { splitDaemonDatagram } from './splitDaemonDatagram.js';

const TRANSPORT = 'udp';

export interface UdpDaemonServerOptions {
  /** `host:port`; `127.0.0.1:0` picks a free port. */
  endpoint: string;
  /** The receiver id, for telemetry. */
  id: string;
  telemetry: Telemetry;
  next: Consumer;
  /** Datagrams handed to `next` and not yet accepted, at most; more are dropped. */
  maxPending: number;
}

export interface UdpDaemonServer {
  /** Binds; the datagrams' batches carry `tenant` when given (tenancy's headerless tenant). */
  start(tenant?: string): Promise<void>;
  /** Stops receiving, then waits for the datagrams already handed on. */
  close(): Promise<void>;
  /** `host:port` once bound. */
  address(): string | undefined;
}

/**
 * The X-Ray daemon's UDP protocol (port 2000 udp in the all-in-one): each datagram is a header line and one segment
 * document (splitDaemonDatagram.ts), decoded with the X-Ray codec and handed on as its own batch. UDP has no answer,
 * so nothing here can refuse: an unusable datagram (bad header, not a valid document) is counted as refused
 * (`SB_MALFORMED`, or `SB_INTERNAL` when the codec failed on it) and dropped, as are datagrams over `maxPending` (`SB_QUEUE_FULL`) and those the pipeline refuses
 * (by its code).
 */
export function createUdpDaemonServer(options: UdpDaemonServerOptions): UdpDaemonServer {
  const { id, telemetry, next } = options;
  let listener: UdpListener | undefined;
  let tenant: string | undefined;

  function onDatagram(datagram: Buffer, udp: UdpListener): void {
    const split = splitDaemonDatagram(datagram);
    const decoded = split.ok ? decodeSegmentDocument(split.document) : undefined;
    if (decoded === undefined || !decoded.ok) {
      telemetry.receiverRefused(id, TRANSPORT, decoded?.code ?? 'SB_MALFORMED', 1);
      return;
    }
    const spans = countSpans(decoded.batch);
    const handed = udp.deliver(() =>
      next.consume(stampTenant(decoded.batch, tenant)).then(
        () => telemetry.receiverAccepted(id, TRANSPORT, spans),
        (e: unknown) => telemetry.receiverRefused(id, TRANSPORT, asPipelineError(e).code, spans),
      ),
    );
    if (!handed) telemetry.receiverRefused(id, TRANSPORT, 'SB_QUEUE_FULL', spans);
  }

  return {
    async start(datagramTenant) {
      tenant = datagramTenant;
      listener = await listenUdp(options.endpoint, options.maxPending, onDatagram);
    },
    async close() {
      const l = listener;
      listener = undefined;
      await l?.close();
    },
    address: () => listener?.address,
  };
}
