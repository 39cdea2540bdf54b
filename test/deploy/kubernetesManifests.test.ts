import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/app/defaultConfig.js';
import { loadServiceConfig } from '../../src/app/loadServiceConfig.js';
import { parseEndpoint } from '../../src/config/endpoint.js';
import { checkMountsAndVolumes } from './checkMountsAndVolumes.js';
import { kubernetesObjects, only } from './deployFiles.js';
import { listeningPorts } from './listeningPorts.js';
import { configMapText, containerEnv, podTemplate, servicePorts, spanbridgeContainer } from './manifestParts.js';

const entries = kubernetesObjects();
const objects = entries.map((e) => e.object);
const defaultPorts = listeningPorts(loadServiceConfig(DEFAULT_CONFIG, 'default', {})).map((p) => `${p.port}/${p.protocol}`).sort();

describe('deploy/kubernetes', () => {
  test('every document parses and has apiVersion, kind and metadata.name', () => {
    assert.ok(entries.length >= 5);
    for (const { file, object } of entries) {
      for (const key of ['apiVersion', 'kind'] as const) assert.equal(typeof object[key], 'string', `${file}: ${key}`);
      assert.equal(typeof object.metadata?.name, 'string', `${file}: metadata.name`);
    }
    assert.deepEqual(objects.map((o) => o.kind).sort(), ['ConfigMap', 'Deployment', 'Namespace', 'PersistentVolumeClaim', 'Service']);
  });

  test('everything lives in the Namespace the manifests create, which sorts first for kubectl apply -f', () => {
    const ns = only(objects, 'Namespace');
    assert.equal(entries[0]?.object, ns);
    for (const o of objects) if (o !== ns) assert.equal(o.metadata?.namespace, ns.metadata?.name, `${String(o.kind)} namespace`);
  });

  test("the ConfigMap's configuration validates and binds every port of the all-in-one on 0.0.0.0", () => {
    const config = loadServiceConfig(configMapText(only(objects, 'ConfigMap')), 'ConfigMap spanbridge-config', {});
    const ports = listeningPorts(config);
    assert.deepEqual(ports.map((p) => `${p.port}/${p.protocol}`).sort(), defaultPorts);
    for (const p of ports) assert.equal(p.host, '0.0.0.0', `${p.source}`);
  });

  test("the query APIs answer for the Service's names in the cluster (query.allowed_hosts from the pod's environment)", () => {
    const deployment = only(objects, 'Deployment');
    const config = loadServiceConfig(configMapText(only(objects, 'ConfigMap')), 'ConfigMap spanbridge-config', containerEnv(deployment));
    const service = only(objects, 'Service').metadata?.name;
    const namespace = deployment.metadata?.namespace;
    const hosts = config.sections.query?.allowed_hosts ?? [];
    for (const name of [`${service}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`, 'localhost', '127.0.0.1']) {
      assert.ok(hosts.includes(name), `${name} in ${hosts.join(', ')}`);
    }
  });

  test('the Service exposes every port of the all-in-one default, each to the same container port', () => {
    const service = only(objects, 'Service');
    const ports = servicePorts(service);
    assert.deepEqual(ports.map((p) => `${p.port}/${p.protocol}`).sort(), defaultPorts);
    const container = spanbridgeContainer(only(objects, 'Deployment'));
    for (const p of ports) {
      const c = container.ports.find((x) => x.protocol === p.protocol && (x.name === p.targetPort || x.containerPort === p.targetPort));
      assert.ok(c, `Service port ${p.name} reaches a container port`);
      assert.equal(c.containerPort, p.port);
    }
    assert.equal(new Set(ports.map((p) => p.name)).size, ports.length, 'port names are unique');
    for (const p of ports) assert.ok(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) && p.name.length <= 15, `${p.name} is a valid port name`);
  });

  test('the Service selects the pods of the Deployment', () => {
    const selector = (only(objects, 'Service').spec as { selector: Record<string, string> }).selector;
    const deployment = only(objects, 'Deployment');
    const labels = podTemplate(deployment).labels;
    for (const [k, v] of Object.entries(selector)) assert.equal(labels[k], v, `pod label ${k}`);
    assert.deepEqual((deployment.spec as { selector: { matchLabels: unknown } }).selector.matchLabels, selector);
  });

  test('liveness /healthz and readiness /readyz on the telemetry port, over HTTPS when it has tls', () => {
    const config = loadServiceConfig(configMapText(only(objects, 'ConfigMap')), 'ConfigMap', {});
    const telemetryPort = parseEndpoint(config.service.telemetry.metrics.address).port;
    const scheme = config.service.telemetry.metrics.tls ? 'HTTPS' : 'HTTP';
    const c = spanbridgeContainer(only(objects, 'Deployment'));
    assert.deepEqual(c.livenessProbe.httpGet, { path: '/healthz', port: telemetryPort, scheme });
    assert.deepEqual(c.readinessProbe.httpGet, { path: '/readyz', port: telemetryPort, scheme });
  });

  test('the configuration is mounted where --config reads it, and the claim where the store writes', () => {
    checkMountsAndVolumes(only(objects, 'Deployment'), only(objects, 'ConfigMap'), only(objects, 'PersistentVolumeClaim'));
  });

  test('resources and a non-root, read-only container', () => {
    const deployment = only(objects, 'Deployment');
    const c = spanbridgeContainer(deployment);
    const resources = c.resources as { requests?: Record<string, string>; limits?: Record<string, string> };
    assert.ok(resources.requests?.cpu && resources.requests.memory && resources.limits?.memory);
    assert.equal((podTemplate(deployment).spec.securityContext as { runAsNonRoot?: boolean }).runAsNonRoot, true);
    assert.equal((c.securityContext as { readOnlyRootFilesystem?: boolean }).readOnlyRootFilesystem, true);
    assert.ok(c.volumeMounts.some((m) => m.mountPath === '/tmp'), 'a writable /tmp beside the read-only root');
    const spec = deployment.spec as { replicas: number; strategy: { type: string } };
    assert.equal(spec.replicas, 1, 'SQLite has one writer');
    assert.equal(spec.strategy.type, 'Recreate', 'the old pod lets go of the ReadWriteOnce claim first');
  });
});
