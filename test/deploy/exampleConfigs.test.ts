import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/app/defaultConfig.js';
import { loadServiceConfig } from '../../src/app/loadServiceConfig.js';
import { ConfigError } from '../../src/config/configError.js';
import { DEPLOY_DIR, EXAMPLE_ENV, EXAMPLES_DIR, yamlFiles } from './deployFiles.js';
import { listeningPorts } from './listeningPorts.js';

const load = (name: string, env: Record<string, string> = EXAMPLE_ENV) => loadServiceConfig(readFileSync(join(EXAMPLES_DIR, name), 'utf8'), `examples/${name}`, env);
const pipeline = (name: string) => load(name).service.pipelines.traces;

describe('examples/', () => {
  test('every example passes validation (what `spanbridge validate --config` runs)', () => {
    const files = yamlFiles(EXAMPLES_DIR);
    assert.ok(files.length >= 5);
    for (const file of files) assert.doesNotThrow(() => load(basename(file)), `${basename(file)} is valid`);
  });

  test('the image configuration passes validation', () => {
    assert.doesNotThrow(() => loadServiceConfig(readFileSync(join(DEPLOY_DIR, 'docker', 'spanbridge.yaml'), 'utf8'), 'deploy/docker/spanbridge.yaml', {}));
  });

  test('Istio -> X-Ray: zipkin in, istio and batch, awsxray with the epoch fix plus debug out', () => {
    assert.deepEqual(pipeline('istio-to-xray.yaml'), { receivers: ['zipkin'], processors: ['memory_limiter', 'istio', 'batch'], exporters: ['awsxray', 'debug'] });
    const xray = load('istio-to-xray.yaml').exporters.awsxray as { region: string; trace_id_mode: string };
    assert.equal(xray.region, EXAMPLE_ENV.AWS_REGION);
    assert.equal(xray.trace_id_mode, 'fix_epoch');
  });

  test('X-Ray -> OTLP: awsxray_poller in, otlphttp out with the Dynatrace Api-Token header, no in-memory queue', () => {
    assert.deepEqual(pipeline('xray-to-otlp.yaml'), { receivers: ['awsxray_poller'], processors: ['batch'], exporters: ['otlphttp'] });
    const out = load('xray-to-otlp.yaml').exporters.otlphttp as { endpoint: string; encoding: string; headers: Record<string, string>; sending_queue: { enabled: boolean } };
    assert.equal(out.headers.Authorization, `Api-Token ${EXAMPLE_ENV.DT_API_TOKEN}`);
    assert.equal(out.endpoint, EXAMPLE_ENV.OTLP_ENDPOINT);
    assert.equal(out.encoding, 'proto');
    assert.equal(out.sending_queue.enabled, false);
    const poller = load('xray-to-otlp.yaml').receivers.awsxray_poller as { checkpoint: { sqlite: { path: string } } };
    assert.equal(poller.checkpoint.sqlite.path, './data/xray-poller.db');
    const moved = load('xray-to-otlp.yaml', { ...EXAMPLE_ENV, SPANBRIDGE_DATA_DIR: '/var/lib/spanbridge' }).receivers.awsxray_poller as typeof poller;
    assert.equal(moved.checkpoint.sqlite.path, '/var/lib/spanbridge/xray-poller.db');
  });

  test('X-Ray -> OTLP without the token or endpoint is refused, naming the variables', () => {
    assert.throws(
      () => load('xray-to-otlp.yaml', { AWS_REGION: 'us-east-1' }),
      (e: unknown) => e instanceof ConfigError && /\$\{env:DT_API_TOKEN\}/.test(e.message) && /\$\{env:OTLP_ENDPOINT\}/.test(e.message),
    );
  });

  test('apps + sidecars -> Jaeger: otlp and zipkin in, istio, otlp gRPC out to jaeger:4317 without TLS', () => {
    assert.deepEqual(pipeline('mesh-to-jaeger.yaml'), { receivers: ['otlp', 'zipkin'], processors: ['memory_limiter', 'istio', 'batch'], exporters: ['otlp'] });
    const out = load('mesh-to-jaeger.yaml').exporters.otlp as { endpoint: string; tls: { insecure: boolean } };
    assert.equal(out.endpoint, 'jaeger:4317');
    assert.equal(out.tls.insecure, true);
  });

  test('the three roles: a load balancer routing by trace id over DNS, a collector writing ClickHouse, a query-only instance', () => {
    const lb = load('load-balancer.yaml');
    assert.deepEqual(lb.service.pipelines.traces?.exporters, ['loadbalancing']);
    const out = lb.exporters.loadbalancing as { routing_key: string; resolver: { dns: { hostname: string } } };
    assert.equal(out.routing_key, 'traceID');
    assert.equal(out.resolver.dns.hostname, EXAMPLE_ENV.COLLECTORS_HOSTNAME);
    assert.equal(lb.sections.storage, undefined);
    const collector = load('collector.yaml');
    assert.deepEqual(collector.service.pipelines.traces?.exporters, ['store']);
    assert.ok(collector.sections.storage && !collector.sections.query);
    assert.deepEqual(listeningPorts(collector).map((p) => p.port), [4317, 8888]);
    const query = load('query.yaml');
    assert.deepEqual(query.service.pipelines, {});
    assert.ok(query.sections.storage && query.sections.query);
    assert.deepEqual(collector.sections.storage, query.sections.storage);
  });

  test('the all-in-one example has the default pipeline with storage and query, on every interface', () => {
    const example = load('all-in-one.yaml');
    const builtIn = loadServiceConfig(DEFAULT_CONFIG, 'default', {});
    assert.deepEqual(example.service.pipelines, builtIn.service.pipelines);
    assert.deepEqual(listeningPorts(example).map((p) => `${p.port}/${p.protocol}`), listeningPorts(builtIn).map((p) => `${p.port}/${p.protocol}`));
    for (const p of listeningPorts(example)) assert.equal(p.host, '0.0.0.0');
    assert.ok(example.sections.storage && example.sections.query);
  });
});
