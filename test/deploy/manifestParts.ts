import type { K8sObject } from './deployFiles.js';

export interface ServicePort {
  name: string;
  port: number;
  targetPort: number | string;
  protocol: string;
}

export interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: string;
}

export interface Probe {
  httpGet: { path: string; port: number | string };
}

export interface Container {
  name: string;
  image: string;
  args: string[];
  ports: ContainerPort[];
  livenessProbe: Probe;
  readinessProbe: Probe;
  resources: unknown;
  securityContext: unknown;
  volumeMounts: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
}

export interface PodSpec {
  containers: Container[];
  volumes: Array<{ name: string; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string }; emptyDir?: unknown }>;
  securityContext: unknown;
}

/** The key of the Spanbridge ConfigMap that holds the configuration file. */
export const CONFIG_KEY = 'spanbridge.yaml';

export function servicePorts(service: K8sObject): ServicePort[] {
  return ((service.spec as { ports?: ServicePort[] } | undefined)?.ports ?? []);
}

export function podTemplate(deployment: K8sObject): { labels: Record<string, string>; annotations: Record<string, string>; spec: PodSpec } {
  const t = (deployment.spec as { template: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec } }).template;
  return { labels: t.metadata.labels ?? {}, annotations: t.metadata.annotations ?? {}, spec: t.spec };
}

/** The spanbridge container of a Deployment. */
export function spanbridgeContainer(deployment: K8sObject): Container {
  const c = podTemplate(deployment).spec.containers.find((x) => x.name === 'spanbridge');
  if (!c) throw new Error('no container named spanbridge');
  return c;
}

export function configMapText(configMap: K8sObject): string {
  const text = (configMap.data as Record<string, unknown> | undefined)?.[CONFIG_KEY];
  if (typeof text !== 'string') throw new Error(`ConfigMap has no ${CONFIG_KEY}`);
  return text;
}

/** The `--config FILE` argument of a container. */
export function configArgument(container: Container): string | undefined {
  const i = container.args.indexOf('--config');
  return i < 0 ? undefined : container.args[i + 1];
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string } };
}

/**
 * The environment the kubelet gives the spanbridge container of `deployment`: literal values, and the Downward API
 * fields it resolves from the pod (`metadata.namespace`, `metadata.labels['KEY']`). Other sources are left out.
 */
export function containerEnv(deployment: K8sObject): Record<string, string> {
  const pod = podTemplate(deployment);
  const namespace = String(deployment.metadata?.namespace ?? 'default');
  const env: Record<string, string> = {};
  for (const e of ((spanbridgeContainer(deployment) as unknown as { env?: EnvVar[] }).env ?? [])) {
    const path = e.valueFrom?.fieldRef?.fieldPath;
    const label = path === undefined ? null : /^metadata\.labels\['([^']+)'\]$/.exec(path);
    if (e.value !== undefined) env[e.name] = e.value;
    else if (path === 'metadata.namespace') env[e.name] = namespace;
    else if (label !== null && label[1] !== undefined && pod.labels[label[1]] !== undefined) env[e.name] = pod.labels[label[1]] as string;
  }
  return env;
}
