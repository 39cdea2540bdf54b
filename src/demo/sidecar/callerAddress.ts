import type { IncomingHttpHeaders } from 'node:http';
import type { Workload } from '../bookinfo/workloads.js';
import { firstHeader } from './headers.js';

/** Istio's metadata-exchange header: the calling sidecar's node id. */
export const PEER_METADATA_ID_HEADER = 'x-envoy-peer-metadata-id';

/**
 * The caller's (emulated) pod IP for `peer.address`. Every socket here is 127.0.0.1, so the caller is recognised
 * by what its sidecar sends: Istio's `x-envoy-peer-metadata-id` (a node id, `sidecar~<ip>~...`) or FSM's
 * `fsm-stats-pod`. Anything else (the load generator) is its socket address.
 */
export function callerAddress(headers: IncomingHttpHeaders, socketAddress: string | undefined, workloads: readonly Workload[]): string {
  const nodeId = firstHeader(headers, PEER_METADATA_ID_HEADER);
  const ip = nodeId?.split('~')[1];
  if (ip) return ip;
  const pod = firstHeader(headers, 'fsm-stats-pod');
  const workload = pod === undefined ? undefined : workloads.find((w) => w.podName === pod);
  if (workload) return workload.podIp;
  return (socketAddress ?? '').replace(/^::ffff:/, '');
}
