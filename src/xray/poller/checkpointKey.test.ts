import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollerStateKey } from './checkpointKey.js';

test('the key names the group and the source; replicas of one source share it, other sources do not', () => {
  const source = { region: 'eu-west-1', endpoint: undefined, filterExpression: '' };
  assert.equal(pollerStateKey('awsxray_poller', source), 'awsxray_poller|eu-west-1|default|all');
  assert.equal(pollerStateKey('g', { ...source, endpoint: 'http://127.0.0.1:2000/' }), 'g|eu-west-1|http://127.0.0.1:2000|all');
  const filtered = pollerStateKey('g', { ...source, filterExpression: 'service("cart") { fault }' });
  assert.match(filtered, /^g\|eu-west-1\|default\|filter-[0-9a-f]{16}$/);
  assert.equal(pollerStateKey('g', { ...source, filterExpression: 'service("cart") { fault }' }), filtered);
  const keys = new Set([
    pollerStateKey('g', source),
    pollerStateKey('g', { ...source, region: 'us-east-1' }),
    pollerStateKey('g', { ...source, endpoint: 'https://xray.example' }),
    filtered,
    pollerStateKey('g', { ...source, filterExpression: 'fault' }),
    pollerStateKey('h', source),
  ]);
  assert.equal(keys.size, 6);
});
