import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { grpcTarget } from './grpcTarget.js';

void describe('grpcTarget', () => {
  void test('host:port follows tls.insecure', () => {
    assert.deepStrictEqual(grpcTarget('collector:4317', false), { address: 'collector:4317', secure: true });
    assert.deepStrictEqual(grpcTarget('collector:4317', true), { address: 'collector:4317', secure: false });
    assert.deepStrictEqual(grpcTarget('[::1]:4317', true), { address: '[::1]:4317', secure: false });
  });

  void test('a URL scheme decides by itself, with default ports', () => {
    assert.deepStrictEqual(grpcTarget('http://collector:4317', false), { address: 'collector:4317', secure: false });
    assert.deepStrictEqual(grpcTarget('https://collector', true), { address: 'collector:443', secure: true });
    assert.deepStrictEqual(grpcTarget('HTTP://collector', false), { address: 'collector:80', secure: false });
  });
});
