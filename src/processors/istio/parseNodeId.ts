import { workloadFromPodName } from './workloadFromPodName.js';

/** An Envoy `node_id` tag understood as an Istio proxy id or an FSM pod UID (docs/zipkin-mesh.md, "Tags"). */
export type NodeId =
  | { mesh: 'istio'; proxyType: string; podIp: string | undefined; podName: string; namespace: string; workload: string }
  | { mesh: 'fsm'; podUid: string };

/**
 * Istio: `<type>~<podIP>~<podName>.<namespace>~<namespace>.svc.cluster.local`; the third part splits on its last
 * `.`. FSM: the pod UID, a UUID. Anything else gives undefined.
 */
export function parseNodeId(value: string): NodeId | undefined {
  if (isUuid(value)) return { mesh: 'fsm', podUid: value.toLowerCase() };
  const parts = value.split('~');
  if (parts.length !== 4) return undefined;
  const [proxyType, podIp, podAndNs] = parts as [string, string, string, string];
  const dot = podAndNs.lastIndexOf('.');
  if (proxyType === '' || dot <= 0 || dot === podAndNs.length - 1) return undefined;
  const podName = podAndNs.slice(0, dot);
  return { mesh: 'istio', proxyType, podIp: podIp === '' ? undefined : podIp, podName, namespace: podAndNs.slice(dot + 1), workload: workloadFromPodName(podName) };
}

const DASHES = [8, 13, 18, 23];

/** `8-4-4-4-12` hex digits, either case. */
export function isUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (DASHES.includes(i)) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}
