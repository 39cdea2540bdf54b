import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBenchArgs } from './benchArgs.js';

const SECTIONS = ['pipeline', 'store', 'xray', 'ui'];

test('defaults: every section, 1M stored spans, 5 runs after 2 warm-ups; e2e: 15 s of 64 connections, every load', () => {
  assert.deepEqual(parseBenchArgs([], SECTIONS), {
    only: [], help: false, runs: 5, warmups: 2, storeSpans: 1_000_000, clickhouseSpans: 10_000_000, e2eSeconds: 15, e2eConnections: 64, e2eProtocols: ['zipkin', 'otlp-http', 'otlp-grpc', 'overload', 'clickhouse'],
  });
});

test('--duration, --connections and --protocols set the e2e loads; a given --protocols list replaces the default', () => {
  const a = parseBenchArgs(['--duration', '5', '--connections=32', '--protocols', 'otlp-grpc', '--protocols=zipkin,otlp-grpc'], SECTIONS);
  assert.equal(a.e2eSeconds, 5);
  assert.equal(a.e2eConnections, 32);
  assert.deepEqual(a.e2eProtocols, ['otlp-grpc', 'zipkin']);
  assert.throws(() => parseBenchArgs(['--protocols', 'thrift'], SECTIONS), /--protocols: unknown load "thrift"/);
  assert.throws(() => parseBenchArgs(['--duration', '0'], SECTIONS), /--duration: expected an integer >= 1/);
});

test('--only takes one name, a comma list, or is repeated; --spans/--runs/--warmups take numbers', () => {
  const a = parseBenchArgs(['--only', 'pipeline', '--only=xray,store', '--spans', '20000', '--runs=3', '--warmups', '0', '--clickhouse-spans', '50000'], SECTIONS);
  assert.deepEqual(a.only, ['pipeline', 'xray', 'store']);
  assert.equal(a.storeSpans, 20_000);
  assert.equal(a.clickhouseSpans, 50_000);
  assert.equal(a.runs, 3);
  assert.equal(a.warmups, 0);
});

test('bad options are refused with a message naming them', () => {
  assert.throws(() => parseBenchArgs(['--only', 'nope'], SECTIONS), /--only: unknown section "nope"/);
  assert.throws(() => parseBenchArgs(['--spans', '0'], SECTIONS), /--spans: expected an integer >= 1, got "0"/);
  assert.throws(() => parseBenchArgs(['--spans'], SECTIONS), /--spans: expected an integer/);
  assert.throws(() => parseBenchArgs(['--runs', '2.5'], SECTIONS), /--runs/);
  assert.throws(() => parseBenchArgs(['--fast'], SECTIONS), /unknown option "--fast"/);
});

test('--help', () => {
  assert.equal(parseBenchArgs(['--help'], SECTIONS).help, true);
});
