import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { loadServiceConfig } from '../../src/app/loadServiceConfig.js';
import { REPO_ROOT } from '../support/paths.js';
import { EXAMPLE_ENV, HELM_SCALED_CHART_DIR, type K8sObject } from './deployFiles.js';
import { listeningPorts } from './listeningPorts.js';
import { configArgument, configMapText, podTemplate, servicePorts, spanbridgeContainer } from './manifestParts.js';
import { parseYamlDocuments } from './readYamlDocuments.js';
import { renderHelmChart } from './renderHelmChart.js';

const ROLES = ['loadbalancer', 'collector', 'query'] as const;
const release = { Name: 'tracing', Namespace: 'observability' };
const rendered = renderHelmChart(HELM_SCALED_CHART_DIR, release);
const objects: K8sObject[] = [...rendered.files].filter(([name]) => name.endsWith('.yaml')).flatMap(([name, text]) => parseYamlDocuments(text, name) as K8sObject[]);
const named = (kind: string, name: string): K8sObject => {
  const o = objects.find((x) => x.kind === kind && x.metadata?.name === name);
  assert.ok(o, `${kind} ${name}`);
  return o;
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

/** The role's configuration as the pod reads it: the ConfigMap's text with the container's env (secrets as example values). */
function roleConfig(role: (typeof ROLES)[number]) {
  const env: Record<string, string> = {};
  for (const e of (spanbridgeContainer(named('Deployment', `tracing-${role}`)) as unknown as { env: EnvVar[] }).env) env[e.name] = e.value ?? (EXAMPLE_ENV[e.name] as string);
  return loadServiceConfig(configMapText(named('ConfigMap', `tracing-${role}-config`)), `${role} ConfigMap`, env);
}

describe('deploy/helm/spanbridge-scaled', () => {
  test('Chart.yaml is a v2 application chart versioned like the package', () => {
    const chart = parse(readFileSync(join(HELM_SCALED_CHART_DIR, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.appVersion, pkg.version);
    assert.equal((rendered.context.Values.image as { tag: string }).tag, pkg.version);
  });

  test('renders a ConfigMap, Deployment and Service per role, a headless collector Service and an HPA, all in the release namespace', () => {
    assert.deepEqual(
      objects.map((o) => `${String(o.kind)} ${String(o.metadata?.name)}`).sort(),
      [
        'ConfigMap tracing-collector-config',
        'ConfigMap tracing-loadbalancer-config',
        'ConfigMap tracing-query-config',
        'Deployment tracing-collector',
        'Deployment tracing-loadbalancer',
        'Deployment tracing-query',
        'HorizontalPodAutoscaler tracing-collector',
        'Service tracing-collector-headless',
        'Service tracing-loadbalancer',
        'Service tracing-query',
      ],
    );
    for (const o of objects) assert.equal(o.metadata?.namespace, release.Namespace);
    assert.match(rendered.files.get('NOTES.txt') ?? '', /tracing-loadbalancer\.observability\.svc\.cluster\.local:9411/);
  });

  test('each Deployment mounts its own ConfigMap, and its container ports are what its configuration listens on', () => {
    for (const role of ROLES) {
      const deployment = named('Deployment', `tracing-${role}`);
      const pod = podTemplate(deployment);
      const container = spanbridgeContainer(deployment);
      assert.equal(configArgument(container), '/etc/spanbridge/spanbridge.yaml');
      assert.equal(pod.spec.volumes.find((v) => v.name === 'config')?.configMap?.name, `tracing-${role}-config`);
      assert.equal(pod.labels['app.kubernetes.io/component'], role);
      const listening = listeningPorts(roleConfig(role)).map((p) => `${p.port}/${p.protocol}`);
      assert.deepEqual(container.ports.map((p) => `${p.containerPort}/${p.protocol}`).sort(), [...listening].sort(), role);
    }
  });

  test('each Service selects only its role\'s pods and forwards ports the pods have', () => {
    for (const [service, role] of [['tracing-loadbalancer', 'loadbalancer'], ['tracing-collector-headless', 'collector'], ['tracing-query', 'query']] as const) {
      const svc = named('Service', service);
      const selector = (svc.spec as { selector: Record<string, string> }).selector;
      assert.equal(selector['app.kubernetes.io/component'], role);
      for (const [k, v] of Object.entries(selector)) assert.equal(podTemplate(named('Deployment', `tracing-${role}`)).labels[k], v);
      const containerPorts = spanbridgeContainer(named('Deployment', `tracing-${role}`)).ports.map((p) => p.containerPort);
      for (const p of servicePorts(svc)) assert.ok(containerPorts.includes(Number(p.targetPort)), `${service}: ${p.targetPort}`);
    }
  });

  test('the collectors are headless behind the name the load balancers resolve, and the HPA scales their Deployment', () => {
    assert.equal((named('Service', 'tracing-collector-headless').spec as { clusterIP: string }).clusterIP, 'None');
    const lb = roleConfig('loadbalancer');
    const resolver = (lb.exporters.loadbalancing as { resolver: { dns: { hostname: string; port: number } } }).resolver.dns;
    assert.equal(resolver.hostname, 'tracing-collector-headless.observability.svc.cluster.local');
    assert.deepEqual(servicePorts(named('Service', 'tracing-collector-headless')).map((p) => p.port), [resolver.port]);
    assert.ok(!('replicas' in (named('Deployment', 'tracing-collector').spec as object)), 'the HPA owns the collector count');
    const hpa = named('HorizontalPodAutoscaler', 'tracing-collector').spec as { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number };
    assert.deepEqual(hpa.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'tracing-collector' });
    assert.ok(hpa.minReplicas >= 2 && hpa.maxReplicas >= hpa.minReplicas);
  });

  test('the roles: load balancer without storage, collector with pipelines and storage but no query, query with no pipelines', () => {
    const [lb, collector, query] = ROLES.map(roleConfig) as [ReturnType<typeof roleConfig>, ReturnType<typeof roleConfig>, ReturnType<typeof roleConfig>];
    assert.deepEqual(lb.service.pipelines.traces?.exporters, ['loadbalancing']);
    assert.equal(lb.sections.storage, undefined);
    assert.deepEqual(collector.service.pipelines.traces?.exporters, ['store']);
    assert.ok(collector.sections.storage && !collector.sections.query);
    assert.deepEqual(query.service.pipelines, {});
    assert.ok(query.sections.storage && query.sections.query);
    // The ClickHouse password is only ever read from the Secret.
    const password = (spanbridgeContainer(named('Deployment', 'tracing-collector')) as unknown as { env: EnvVar[] }).env.find((e) => e.name === 'CLICKHOUSE_PASSWORD');
    assert.deepEqual(password?.valueFrom?.secretKeyRef, { name: 'spanbridge-clickhouse', key: 'password' });
  });
});
