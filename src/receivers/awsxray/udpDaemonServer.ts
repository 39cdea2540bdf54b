import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { parseEndpoint } from '../../config/endpoint.js';
import { asPipelineError } from '../../errors.js';
import { stampTenant } from '../../http/tenancy.js';
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
  const pending = new Set<Promise<void>>();
  let socket: Socket | undefined;
  let bound: string | undefined;
  let tenant: string | undefined;

  function onDatagram(datagram: Buffer): void {
    const split = splitDaemonDatagram(datagram);
    const decoded = split.ok ? decodeSegmentDocument(split.document) : undefined;
    if (decoded === undefined || !decoded.ok) {
      telemetry.receiverRefused(id, TRANSPORT, decoded?.code ?? 'SB_MALFORMED', 1);
      return;
    }
    const spans = countSpans(decoded.batch);
    if (pending.size >= options.maxPending) {
      telemetry.receiverRefused(id, TRANSPORT, 'SB_QUEUE_FULL', spans);
      return;
    }
    // A consumer that throws at once rejects this promise instead of escaping the socket's event handler.
    const p: Promise<void> = new Promise<void>((resolve) => resolve(next.consume(stampTenant(decoded.batch, tenant)))).then(
      () => telemetry.receiverAccepted(id, TRANSPORT, spans),
      (e: unknown) => telemetry.receiverRefused(id, TRANSPORT, asPipelineError(e).code, spans),
    ).finally(() => pending.delete(p));
    pending.add(p);
  }

  return {
    async start(datagramTenant) {
      tenant = datagramTenant;
      const { host, port } = parseEndpoint(options.endpoint);
      const s = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
      s.on('message', onDatagram);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.bind(port, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      // Errors after binding (e.g. ICMP reports) concern single datagrams; the socket keeps receiving.
      s.on('error', () => undefined);
      const a = s.address();
      bound = `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
      socket = s;
    },
    async close() {
      const s = socket;
      socket = undefined;
      bound = undefined;
      if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
      await Promise.all([...pending]);
    },
    address: () => bound,
  };
}
