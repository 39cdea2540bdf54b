import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/app/defaultConfig.js';
import { loadServiceConfig } from '../../src/app/loadServiceConfig.js';
import type { ServiceConfig } from '../../src/config/loadConfig.js';
import { listeningPorts } from './listeningPorts.js';

const summary = (config: ServiceConfig) => listeningPorts(config).map((p) => `${p.port}/${p.protocol}@${p.host}`);

describe('listeningPorts', () => {
  test('the all-in-one default listens on the ports of docs/ports.md, on localhost', () => {
    const config = loadServiceConfig(DEFAULT_CONFIG, 'default', {});
    assert.deepEqual(summary(config), [
      '2000/TCP@localhost',
      '2000/UDP@localhost',
      '4317/TCP@localhost',
      '4318/TCP@localhost',
      '5778/TCP@localhost',
      '6831/UDP@localhost',
      '6832/UDP@localhost',
      '8888/TCP@localhost',
      '9411/TCP@localhost',
      '14250/TCP@localhost',
      '14268/TCP@localhost',
      '16686/TCP@localhost',
    ]);
    assert.equal(listeningPorts(config).find((p) => p.protocol === 'UDP')?.source, 'receivers.awsxray.endpoint');
  });

  test('an OTLP protocol with no settings uses its default endpoint; a disabled X-Ray API opens no TCP port', () => {
    const config = loadServiceConfig(
      `receivers:
  otlp:
    protocols:
      grpc:
  awsxray:
    endpoint: 0.0.0.0:2000
    api:
      enabled: false
exporters:
  debug: {}
service:
  pipelines:
    traces: {receivers: [otlp, awsxray], exporters: [debug]}
  telemetry:
    metrics: {address: ":9999"}
`,
      'test',
      {},
    );
    assert.deepEqual(summary(config), ['2000/UDP@0.0.0.0', '4317/TCP@localhost', '9999/TCP@0.0.0.0']);
  });

  test('a receiver no pipeline lists opens nothing', () => {
    const config = loadServiceConfig(
      `receivers:
  zipkin: {endpoint: "0.0.0.0:9411"}
  otlp:
    protocols:
      http: {endpoint: "0.0.0.0:4318"}
exporters:
  debug: {}
service:
  pipelines:
    traces: {receivers: [zipkin], exporters: [debug]}
`,
      'test',
      {},
    );
    assert.deepEqual(summary(config), ['8888/TCP@localhost', '9411/TCP@0.0.0.0']);
  });

  test("the awsxray_poller's admin routes count when configured", () => {
    const config = loadServiceConfig(
      `receivers:
  awsxray_poller:
    region: us-east-1
    admin: {endpoint: "127.0.0.1:8889"}
exporters:
  debug: {}
service:
  pipelines:
    traces: {receivers: [awsxray_poller], exporters: [debug]}
`,
      'test',
      {},
    );
    assert.deepEqual(summary(config), ['8888/TCP@localhost', '8889/TCP@127.0.0.1']);
  });

  test('a receiver type it does not know is an error, not a silently missing port', () => {
    const config = {
      extensions: {},
      receivers: { kafka: {} },
      processors: {},
      exporters: { debug: {} },
      sections: {},
      service: { extensions: [], pipelines: { traces: { receivers: ['kafka'], processors: [], exporters: ['debug'] } }, telemetry: { metrics: { address: 'localhost:8888' }, logs: { level: 'info' } } },
    } as ServiceConfig;
    assert.throws(() => listeningPorts(config), /receivers\.kafka: .*"kafka"/);
  });
});
