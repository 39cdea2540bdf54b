// Bookinfo on loopback (README.md): the services, versions and the Kubernetes identity each emulated pod has.
// Names follow Istio's Bookinfo sample (samples/bookinfo/platform/kube/bookinfo.yaml): one Deployment per version,
// service accounts `bookinfo-<service>`, container port 9080.
import { randomInt, randomUUID } from 'node:crypto';

export const NAMESPACE = 'default';
/** The port every Bookinfo service listens on inside the (emulated) cluster; real sockets use port 0. */
export const SERVICE_PORT = 9080;
/** Istio's usual MESH_ID (reported in the `istio.mesh_id` tag). */
export const MESH_ID = 'cluster.local';

export type BookinfoService = 'productpage' | 'details' | 'reviews' | 'ratings';

export interface Workload {
  readonly service: BookinfoService;
  /** The `version` label: `v1`, `v2`, `v3`. */
  readonly version: string;
  /** Deployment name, `<service>-<version>`. */
  readonly name: string;
  /** `<deployment>-<replicaset hash>-<pod hash>`, as Kubernetes names pods. */
  readonly podName: string;
  /** An emulated pod IP (10.244.0.0/24, kind's pod range); sockets really bind 127.0.0.1. */
  readonly podIp: string;
  /** The pod UID; FSM sidecars report it as `node_id`. */
  readonly podUid: string;
  readonly serviceAccount: string;
}

const VERSIONS: Readonly<Record<BookinfoService, readonly string[]>> = {
  productpage: ['v1'],
  details: ['v1'],
  reviews: ['v1', 'v2', 'v3'],
  ratings: ['v1'],
};

// Kubernetes' "safe" alphabet for generated name suffixes (no vowels, no 0/1/3).
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function suffix(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
  return s;
}

/** The workloads of one demo mesh, with fresh pod names and UIDs (as a new deployment would get). */
export function bookinfoWorkloads(): Workload[] {
  const workloads: Workload[] = [];
  for (const [service, versions] of Object.entries(VERSIONS) as Array<[BookinfoService, readonly string[]]>) {
    for (const version of versions) {
      const name = `${service}-${version}`;
      workloads.push({
        service,
        version,
        name,
        podName: `${name}-${suffix(10)}-${suffix(5)}`,
        podIp: `10.244.0.${11 + workloads.length}`,
        podUid: randomUUID(),
        serviceAccount: `bookinfo-${service}`,
      });
    }
  }
  return workloads;
}

/** The service's cluster-local FQDN, `<service>.default.svc.cluster.local`. */
export function serviceFqdn(service: string): string {
  return `${service}.${NAMESPACE}.svc.cluster.local`;
}
