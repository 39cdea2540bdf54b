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

/** The DynamoDB table of the developer guide's GetServiceGraph example. */
export const SIGNUP_TABLE = 'awseb-e-dixzws4s9p-stack-StartupSignupsTable-4IMSMHAYX2BA';

/**
 * The application of the developer guide's GetServiceGraph example: an Elastic Beanstalk web app on EC2 (the root,
 * answering `status`) that puts an item into a DynamoDB table and publishes to an SNS topic, as the X-Ray SDK for Java
 * records those calls (`aws` subsegments with the operation, the table name and the topic ARN). `n` varies the ids.
 */
export function signupTraceDocuments(t0: number, traceId: string, n: number, status = 200): XraySegmentDocument[] {
  const id = (k: number) => `${(0xc00 + n).toString(16)}${k.toString(16).padStart(13, '0')}`;
  return [
    {
      trace_id: traceId, id: id(1), name: 'xray-sample.elasticbeanstalk.com', origin: 'AWS::EC2::Instance', start_time: t0, end_time: t0 + 0.157,
      aws: { account_id: '123456789012' },
      http: { request: { method: 'POST', url: 'http://xray-sample.elasticbeanstalk.com/signup' }, response: { status } },
      subsegments: [
        { id: id(2), name: 'DynamoDB', namespace: 'aws', start_time: t0 + 0.01, end_time: t0 + 0.086, aws: { operation: 'PutItem', region: 'us-west-2', table_name: SIGNUP_TABLE } },
        { id: id(3), name: 'SNS', namespace: 'aws', start_time: t0 + 0.09, end_time: t0 + 0.139, aws: { operation: 'Publish', region: 'us-west-2', topic_arn: 'arn:aws:sns:us-west-2:123456789012:signups' } },
      ],
    },
  ];
}
