// Test data shared by the X-Ray API tests.
import type { XraySegmentDocument } from '../../../src/codecs/xray/xraySegmentDocument.js';

export const SAMPLE_TRACE_ID = '1-5759e988-bd862e3fe1be46a994272793';

/**
 * front (root, GET /api/cart -> 503 after 2 s, user alice) calls cart (a remote subsegment answered 429, and cart's own
 * segment hanging off it) and DynamoDB (an aws subsegment); times in seconds from `t0`.
 */
export function sampleTraceDocuments(t0 = 100, traceId = SAMPLE_TRACE_ID): XraySegmentDocument[] {
  return [
    {
      trace_id: traceId, id: '1000000000000001', name: 'front', start_time: t0, end_time: t0 + 2, user: 'alice', origin: 'AWS::EC2::Instance',
      http: { request: { method: 'GET', url: 'http://shop/api/cart', user_agent: 'curl/8', client_ip: '10.0.0.1' }, response: { status: 503 } },
      annotations: { tier: 'gold', items: 3, beta: true },
      subsegments: [
        { id: '1000000000000002', name: 'cart', namespace: 'remote', start_time: t0 + 0.5, end_time: t0 + 1.5, http: { response: { status: 429 } } },
        { id: '1000000000000003', name: 'DynamoDB', namespace: 'aws', start_time: t0 + 1.5, end_time: t0 + 1.625 },
      ],
    },
    { trace_id: traceId, id: '2000000000000001', parent_id: '1000000000000002', name: 'cart', start_time: t0 + 0.625, end_time: t0 + 3.5, annotations: { tier: 'silver' } },
  ];
}
