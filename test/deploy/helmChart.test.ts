import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { loadServiceConfig } from '../../src/app/loadServiceConfig.js';
import { REPO_ROOT } from '../support/paths.js';
import { checkMountsAndVolumes } from './checkMountsAndVolumes.js';
import { HELM_CHART_DIR, kubernetesObjects, only, type K8sObject } from './deployFiles.js';
import { configMapText, containerEnv, podTemplate, servicePorts, spanbridgeContainer } from './manifestParts.js';
import { parseYamlDocuments } from './readYamlDocuments.js';
import { renderHelmChart } from './renderHelmChart.js';

const plain = kubernetesObjects().map((e) => e.object);
const release = { Name: 'spanbridge', Namespace: 'spanbridge' };
const rendered = renderHelmChart(HELM_CHART_DIR, release);
const objects: K8sObject[] = [...rendered.files].filter(([name]) => name.endsWith('.yaml')).flatMap(([name, text]) => parseYamlDocuments(text, name) as K8sObject[]);

describe('deploy/helm/spanbridge', () => {
  test('Chart.yaml is a v2 application chart versioned like the package', () => {
    const chart = parse(readFileSync(join(HELM_CHART_DIR, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.name, 'spanbridge');
    assert.equal(chart.type, 'application');
    assert.equal(chart.appVersion, pkg.version);
    assert.equal((rendered.context.Values.image as { tag: string }).tag, pkg.version);
    assert.equal(spanbridgeContainer(only(plain, 'Deployment')).image, `spanbridge:${pkg.version}`);
  });

  test('every template renders to documents with apiVersion, kind and metadata.name in the release namespace', () => {
    assert.deepEqual(objects.map((o) => o.kind).sort(), ['ConfigMap', 'Deployment', 'PersistentVolumeClaim', 'Service']);
    for (const o of objects) {
      assert.equal(typeof o.apiVersion, 'string');
      assert.equal(typeof o.metadata?.name, 'string');
      assert.equal(o.metadata?.namespace, release.Namespace);
      assert.equal(o.metadata?.labels?.['app.kubernetes.io/instance'], release.Name);
    }
    assert.match(rendered.files.get('NOTES.txt') ?? '', /spanbridge\.spanbridge\.svc\.cluster\.local:9411/);
  });

  test('the rendered configuration validates and equals the plain ConfigMap', () => {
    const text = configMapText(only(objects, 'ConfigMap'));
    const fromChart = loadServiceConfig(text, 'helm ConfigMap', {});
    const fromPlain = loadServiceConfig(configMapText(only(plain, 'ConfigMap')), 'plain ConfigMap', {});
    assert.deepEqual(fromChart, fromPlain);
  });

  test('Service ports, container ports, probes, resources and security match the plain manifests', () => {
    assert.deepEqual(servicePorts(only(objects, 'Service')), servicePorts(only(plain, 'Service')));
    const chart = spanbridgeContainer(only(objects, 'Deployment'));
    const base = spanbridgeContainer(only(plain, 'Deployment'));
    for (const key of ['image', 'args', 'ports', 'livenessProbe', 'readinessProbe', 'resources', 'securityContext', 'volumeMounts'] as const) {
      assert.deepEqual(chart[key], base[key], key);
    }
    assert.deepEqual(podTemplate(only(objects, 'Deployment')).annotations, podTemplate(only(plain, 'Deployment')).annotations);
    assert.deepEqual(podTemplate(only(objects, 'Deployment')).spec.securityContext, podTemplate(only(plain, 'Deployment')).spec.securityContext);
    assert.deepEqual((only(objects, 'PersistentVolumeClaim').spec as unknown), only(plain, 'PersistentVolumeClaim').spec);
  });

  test('the Deployment mounts the release ConfigMap and claim, and the Service selects its pods', () => {
    checkMountsAndVolumes(only(objects, 'Deployment'), only(objects, 'ConfigMap'), only(objects, 'PersistentVolumeClaim'));
    const selector = (only(objects, 'Service').spec as { selector: Record<string, string> }).selector;
    const labels = podTemplate(only(objects, 'Deployment')).labels;
    for (const [k, v] of Object.entries(selector)) assert.equal(labels[k], v);
  });

  test('another release name renames every object and keeps the references consistent', () => {
    const other = renderHelmChart(HELM_CHART_DIR, { Name: 'tracing', Namespace: 'observability' });
    const docs = [...other.files].filter(([n]) => n.endsWith('.yaml')).flatMap(([n, t]) => parseYamlDocuments(t, n) as K8sObject[]);
    assert.equal(only(docs, 'Deployment').metadata?.name, 'tracing');
    assert.equal(only(docs, 'ConfigMap').metadata?.name, 'tracing-config');
    checkMountsAndVolumes(only(docs, 'Deployment'), only(docs, 'ConfigMap'), only(docs, 'PersistentVolumeClaim'));
  });

  test("the query APIs answer for the release's Service names (query.allowed_hosts from the pod's environment)", () => {
    const other = renderHelmChart(HELM_CHART_DIR, { Name: 'tracing', Namespace: 'observability' });
    const docs = [...other.files].filter(([n]) => n.endsWith('.yaml')).flatMap(([n, t]) => parseYamlDocuments(t, n) as K8sObject[]);
    const service = only(docs, 'Service').metadata?.name;
    const config = loadServiceConfig(configMapText(only(docs, 'ConfigMap')), 'helm ConfigMap', containerEnv(only(docs, 'Deployment')));
    const hosts = config.sections.query?.allowed_hosts ?? [];
    for (const name of [`${service}`, `${service}.observability`, `${service}.observability.svc`, `${service}.observability.svc.cluster.local`, 'localhost']) {
      assert.ok(hosts.includes(name), `${name} in ${hosts.join(', ')}`);
    }
  });
});
