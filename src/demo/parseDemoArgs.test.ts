import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDemoArgs } from './parseDemoArgs.js';

describe('parseDemoArgs', () => {
  test('defaults: localhost, istio, 5 req/s, until stopped, no faults, 100% sampling', () => {
    assert.deepEqual(parseDemoArgs(['demo']), {
      help: false,
      args: {
        zipkinUrl: 'http://localhost:9411/api/v2/spans',
        otlpUrl: 'http://localhost:4318/v1/traces',
        mesh: 'istio',
        rate: 5,
        durationMillis: undefined,
        errorRate: 0,
        delayMillis: 0,
        sampling: 100,
      },
    });
  });

  test('every flag', () => {
    const parsed = parseDemoArgs(['--target', 'https://spanbridge.example:1234/x', '--mesh', 'fsm', '--rate', '20', '--duration', '1m30s', '--error-rate', '0.1', '--delay', '200ms', '--sampling', '50']);
    assert.deepEqual(parsed, {
      help: false,
      args: {
        zipkinUrl: 'https://spanbridge.example:9411/api/v2/spans',
        otlpUrl: 'https://spanbridge.example:4318/v1/traces',
        mesh: 'fsm',
        rate: 20,
        durationMillis: 90_000,
        errorRate: 0.1,
        delayMillis: 200,
        sampling: 50,
      },
    });
  });

  test('--zipkin-url and --otlp-url override the target; IPv6 targets keep their brackets', () => {
    const parsed = parseDemoArgs(['--target', 'http://[::1]', '--zipkin-url', 'http://collector:9412/api/v2/spans']);
    assert.ok(!('error' in parsed) && !parsed.help);
    assert.equal(parsed.args.zipkinUrl, 'http://collector:9412/api/v2/spans');
    assert.equal(parsed.args.otlpUrl, 'http://[::1]:4318/v1/traces');
  });

  test('help', () => {
    assert.deepEqual(parseDemoArgs(['--help']), { help: true });
  });

  test('bad values are reported naming the flag', () => {
    const error = (argv: string[]) => {
      const parsed = parseDemoArgs(argv);
      return 'error' in parsed ? parsed.error : 'no error';
    };
    assert.match(error(['--rate', '0']), /^--rate: "0"/);
    assert.match(error(['--rate', 'fast']), /^--rate:/);
    assert.match(error(['--error-rate', '1.5']), /^--error-rate:/);
    assert.match(error(['--sampling', '101']), /^--sampling:/);
    assert.match(error(['--duration', '30']), /^--duration: invalid duration/);
    assert.match(error(['--delay', 'soon']), /^--delay:/);
    assert.match(error(['--mesh', 'linkerd']), /^--mesh: "linkerd" is not istio or fsm/);
    assert.match(error(['--target', 'localhost']), /^--target:/);
    assert.match(error(['--otlp-url', 'ftp://x']), /^--otlp-url:/);
    assert.match(error(['--bogus']), /bogus/);
  });
});
