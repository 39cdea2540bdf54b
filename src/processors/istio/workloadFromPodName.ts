// Kubernetes names generated pods `<deployment>-<pod-template-hash>-<suffix>` (ReplicaSet) or `<owner>-<suffix>`
// (DaemonSet, Job). Both generated parts use the "safe" alphabet of k8s.io/apimachinery rand.SafeEncodeString
// (no vowels, no 0, 1, 3), which keeps human-chosen segments like `v1` or `api` from being mistaken for them.
// Rule `service_name` names a sidecar's service by its pod's workload (docs/zipkin-mesh.md, "Service names").
const REPLICASET_POD = /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const GENERATED_POD = /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** The owning workload's name of a pod, or the pod name itself when it does not look generated. */
export function workloadFromPodName(podName: string): string {
  const rs = REPLICASET_POD.exec(podName);
  if (rs) return rs[1] as string;
  const gen = GENERATED_POD.exec(podName);
  return gen ? (gen[1] as string) : podName;
}
