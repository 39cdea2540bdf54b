import { createSocket, type Socket } from 'node:dgram';
import { parseEndpoint } from '../config/endpoint.js';
import { boundAddress } from './boundAddress.js';

// The receivers' UDP ports (the X-Ray daemon protocol, the Jaeger agent's): UDP has no answer, so each datagram is
// handed on without waiting, and at most `maxPending` of them may be waiting for the pipeline at once - one beyond
// that is refused (the caller counts and drops it) rather than queued without bound.

export interface UdpListener {
  /** `host:port` it is bound to. */
  readonly address: string;
  /**
   * Hands a datagram's work on unless `maxPending` are waiting already (then false: the caller counts the drop). A
   * work that throws at once rejects instead of escaping the socket's event handler; its outcome is the caller's to
   * count, so a rejection is swallowed here.
   */
  deliver(work: () => Promise<unknown>): boolean;
  /** Stops receiving, then waits for what was handed on. */
  close(): Promise<void>;
}

/** Binds a UDP socket at `endpoint` (port 0: a free one) and calls `onDatagram` for each datagram. */
export async function listenUdp(endpoint: string, maxPending: number, onDatagram: (datagram: Buffer, listener: UdpListener) => void): Promise<UdpListener> {
  const { host, port } = parseEndpoint(endpoint);
  const socket: Socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
  const pending = new Set<Promise<unknown>>();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // Errors after binding (e.g. ICMP reports) concern single datagrams; the socket keeps receiving.
  socket.on('error', () => undefined);
  let open = true;
  const listener: UdpListener = {
    address: boundAddress(socket.address()),
    deliver(work) {
      if (pending.size >= maxPending) return false;
      const p: Promise<unknown> = new Promise<unknown>((resolve) => resolve(work())).catch(() => undefined).finally(() => pending.delete(p));
      pending.add(p);
      return true;
    },
    async close() {
      if (!open) return;
      open = false;
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      await Promise.all([...pending]);
    },
  };
  socket.on('message', (datagram: Buffer) => onDatagram(datagram, listener));
  return listener;
}
