import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SAMPLE_TRACE_ID, sampleTraceDocuments } from '../../../test/xray/api/sampleDocuments.js';
import { traceFacts } from './traceFacts.js';

const TRACE = SAMPLE_TRACE_ID;

describe('traceFacts', () => {
  test('root, times, flags and http come from the entry segment; throttle from any node', () => {
    const f = traceFacts(sampleTraceDocuments());
    assert.ok(f);
    assert.equal(f.root?.doc.id, '1000000000000001');
    assert.equal(f.responseTimeSeconds, 2);
    assert.equal(f.durationSeconds, 3.5);
    assert.equal(f.hasFault, true);
    assert.equal(f.hasError, false);
    assert.equal(f.hasThrottle, true);
    assert.equal(f.isPartial, false);
    assert.deepEqual(f.http, { url: 'http://shop/api/cart', method: 'GET', userAgent: 'curl/8', clientIp: '10.0.0.1', status: 503 });
    assert.deepEqual([...f.services.values()], [{ name: 'front', type: 'AWS::EC2::Instance' }, { name: 'cart' }, { name: 'DynamoDB', type: 'AWS::DynamoDB' }]);
    assert.deepEqual(f.annotations.get('tier')?.map((e) => [e.value, [...e.services]]), [['gold', ['front']], ['silver', ['cart']]]);
  });

  test('independent subsegments belong to the service of their parent, in any order', () => {
    const f = traceFacts([
      { trace_id: TRACE, id: '3000000000000002', parent_id: '3000000000000001', type: 'subsegment', name: 'inner', start_time: 1, end_time: 2, annotations: { a: 1 } },
      { trace_id: TRACE, id: '3000000000000001', parent_id: '1000000000000001', type: 'subsegment', name: 'outer', start_time: 1, end_time: 2 },
      { trace_id: TRACE, id: '1000000000000001', name: 'svc', start_time: 0, in_progress: true },
    ]);
    assert.ok(f);
    assert.deepEqual(f.nodes.map((n) => [n.doc.id, n.service]), [['3000000000000002', 'svc'], ['3000000000000001', 'svc'], ['1000000000000001', 'svc']]);
    assert.equal(f.isPartial, true);
    assert.equal(f.responseTimeSeconds, undefined);
    assert.deepEqual([...(f.annotations.get('a')?.[0]?.services ?? [])], ['svc']);
  });
});

