import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitHostPort } from './splitHostPort.js';
import { splitUrl } from './splitUrl.js';

void describe('splitUrl', () => {
  void test('Envoy http.url values', () => {
    assert.deepEqual(splitUrl('http://httpbin.default:8000/ip'), { scheme: 'http', host: 'httpbin.default', port: 8000, path: '/ip', query: '' });
    assert.deepEqual(splitUrl('https://www.google.com/'), { scheme: 'https', host: 'www.google.com', port: undefined, path: '/', query: '' });
    assert.deepEqual(splitUrl('http://u:p@[::1]:9080/a/b?x=1&y=2#frag'), { scheme: 'http', host: '::1', port: 9080, path: '/a/b', query: 'x=1&y=2' });
    assert.deepEqual(splitUrl('http://host?q'), { scheme: 'http', host: 'host', port: undefined, path: '', query: 'q' });
    assert.deepEqual(splitUrl('http://host#a?b'), { scheme: 'http', host: 'host', port: undefined, path: '', query: '' });
  });

  void test('no scheme gives undefined; a bad port leaves the host unknown', () => {
    assert.equal(splitUrl('/just/a/path'), undefined);
    assert.equal(splitUrl('://x'), undefined);
    assert.equal(splitUrl('http://host:notaport/p')?.host, undefined);
  });
});

void describe('splitHostPort', () => {
  void test('forms of Envoy peer.address', () => {
    assert.deepEqual(splitHostPort('10.244.0.47'), { host: '10.244.0.47', port: undefined });
    assert.deepEqual(splitHostPort('172.18.0.4:8080'), { host: '172.18.0.4', port: 8080 });
    assert.deepEqual(splitHostPort('[fe80::1]:443'), { host: 'fe80::1', port: 443 });
    assert.deepEqual(splitHostPort('[fe80::1]'), { host: 'fe80::1', port: undefined });
    assert.deepEqual(splitHostPort('fe80::1'), { host: 'fe80::1', port: undefined });
    for (const bad of ['', ':80', 'x:y:z', 'host::x', '1.2.3.4:', '1.2.3.4:x', '[::1', '[]:80', '[::1]x80', '[::1]:0']) assert.equal(splitHostPort(bad), undefined, bad);
  });
});
