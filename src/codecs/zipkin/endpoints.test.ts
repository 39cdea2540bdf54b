import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ipBytesToText, ipTextToBytes } from './endpoints.js';

void describe('IP address text <-> zipkin.proto bytes', () => {
  void test('examples, including an embedded IPv4 tail and text that is no IP', () => {
    assert.deepEqual([...(ipTextToBytes('10.43.17.42') ?? [])], [10, 43, 17, 42]);
    assert.equal(ipBytesToText(Buffer.from('CisRKg==', 'base64')), '10.43.17.42');
    assert.equal(ipBytesToText(ipTextToBytes('7::0.128.128.127') ?? new Uint8Array()), '7::80:807f');
    assert.equal(ipBytesToText(ipTextToBytes('2001:0db8:0:0:1:0:0:1') ?? new Uint8Array()), '2001:db8::1:0:0:1');
    assert.equal(ipBytesToText(new Uint8Array(16)), '::');
    assert.equal(ipTextToBytes('localhost'), undefined);
    assert.equal(ipBytesToText(new Uint8Array(5)), undefined);
  });

  void test('IPv6 bytes -> text -> bytes is the identity and the text is what the WHATWG URL serializer writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = ipBytesToText(bytes) ?? '';
        assert.deepEqual(ipTextToBytes(text), bytes);
        assert.equal(new URL(`http://[${text}]/`).hostname, `[${text}]`);
      }),
    );
  });
});
