import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';
import { readYamlDocuments } from './readYamlDocuments.js';

export const DEPLOY_DIR = join(REPO_ROOT, 'deploy');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const KUBERNETES_DIR = join(DEPLOY_DIR, 'kubernetes');
export const HELM_CHART_DIR = join(DEPLOY_DIR, 'helm', 'spanbridge');
/** The three roles (load balancer, collector, query) over a user's ClickHouse. */
export const HELM_SCALED_CHART_DIR = join(DEPLOY_DIR, 'helm', 'spanbridge-scaled');

/** Values for the `${env:...}` references of the shipped configs, as an operator would set them. */
export const EXAMPLE_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'eu-west-1',
  OTLP_ENDPOINT: 'https://abc12345.live.dynatrace.com/api/v2/otlp',
  DT_API_TOKEN: 'dt0c01.SAMPLE.TOKEN',
  COLLECTORS_HOSTNAME: 'spanbridge-collector-headless.tracing.svc.cluster.local',
  CLICKHOUSE_ENDPOINT: 'http://clickhouse.clickhouse.svc.cluster.local:8123',
  CLICKHOUSE_CLUSTER: 'spanbridge',
  CLICKHOUSE_USER: 'spanbridge',
  CLICKHOUSE_PASSWORD: 'example-password',
};

/** A Kubernetes object as far as the tests read it. */
export interface K8sObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** `*.yaml` files of a folder, sorted. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
}

/** Every object of the plain manifests in deploy/kubernetes, with the file it came from. */
export function kubernetesObjects(): Array<{ file: string; object: K8sObject }> {
  return yamlFiles(KUBERNETES_DIR).flatMap((file) => readYamlDocuments(file).map((object) => ({ file, object: object as K8sObject })));
}

/** The one object of a kind in a list; throws when there is none or more than one. */
export function only(objects: readonly K8sObject[], kind: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0] as K8sObject;
}
