import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DEPLOY_DIR, kubernetesObjects, only, yamlFiles, type K8sObject } from './deployFiles.js';
import { servicePorts } from './manifestParts.js';
import { readYamlDocuments } from './readYamlDocuments.js';

const plain = kubernetesObjects().map((e) => e.object);
const service = only(plain, 'Service');
const serviceHost = `${String(service.metadata?.name)}.${String(service.metadata?.namespace)}.svc.cluster.local`;
const zipkinPort = servicePorts(service).find((p) => p.name === 'http-zipkin')?.port;

describe('deploy/istio', () => {
  const objects = yamlFiles(join(DEPLOY_DIR, 'istio')).flatMap((f) => readYamlDocuments(f) as K8sObject[]);

  test('every manifest parses and has apiVersion, kind and metadata.name', () => {
    assert.ok(objects.length >= 2);
    for (const o of objects) {
      assert.equal(typeof o.apiVersion, 'string');
      assert.equal(typeof o.kind, 'string');
      assert.equal(typeof o.metadata?.name, 'string');
    }
  });

  test('MeshConfig extensionProviders has a zipkin provider at the Spanbridge Service, Zipkin port', () => {
    const operator = only(objects, 'IstioOperator');
    const providers = (operator.spec as { meshConfig: { extensionProviders: Array<{ name: string; zipkin?: { service: string; port: number } }> } }).meshConfig.extensionProviders;
    const zipkin = providers.find((p) => p.zipkin);
    assert.ok(zipkin);
    assert.deepEqual({ service: zipkin.zipkin?.service, port: zipkin.zipkin?.port }, { service: serviceHost, port: zipkinPort });
  });

  test('a mesh-wide Telemetry resource selects that provider with 100 % sampling', () => {
    const telemetry = only(objects, 'Telemetry');
    assert.equal(telemetry.metadata?.namespace, 'istio-system');
    const tracing = (telemetry.spec as { tracing: Array<{ providers: Array<{ name: string }>; randomSamplingPercentage: number }> }).tracing;
    const operator = only(objects, 'IstioOperator');
    const names = (operator.spec as { meshConfig: { extensionProviders: Array<{ name: string }> } }).meshConfig.extensionProviders.map((p) => p.name);
    assert.ok(tracing[0]?.providers.every((p) => names.includes(p.name)));
    assert.equal(tracing[0]?.randomSamplingPercentage, 100);
  });
});

describe('deploy/fsm', () => {
  test('install.sh runs fsm install with tracing sent to the Spanbridge Service', () => {
    const script = readFileSync(join(DEPLOY_DIR, 'fsm', 'install.sh'), 'utf8');
    assert.match(script, /^#!\/bin\/sh\n/);
    assert.match(script, /\bfsm install\b/);
    for (const flag of ['--set=fsm.tracing.enable=true', `--set=fsm.tracing.address=${serviceHost}`, `--set=fsm.tracing.port=${String(zipkinPort)}`, '--set=fsm.tracing.endpoint=/api/v2/spans']) {
      assert.ok(script.includes(flag), flag);
    }
  });

  test('the MeshConfig merge patch sets the same tracing address', () => {
    const [patch] = readYamlDocuments(join(DEPLOY_DIR, 'fsm', 'meshconfig-tracing-patch.yaml')) as Array<{ spec: { observability: { tracing: Record<string, unknown> } } }>;
    assert.deepEqual(patch?.spec.observability.tracing, { enable: true, address: serviceHost, port: zipkinPort, endpoint: '/api/v2/spans', sampledFraction: 1 });
  });
});
