import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { AnyValue, Resource, Span, SpanEvent } from '../../model/span.js';
import { spanToXraySegment } from './spanToXraySegment.js';
import type { XrayEncodeOptions } from './xraySegmentDocument.js';

const TRACE = '5f2aebccb475d14618c51eaa28753d37';
const scope = { name: 'test', version: '1', attributes: new Map(), droppedAttributesCount: 0 };

function span(fields: Partial<Span> & { attrs?: Record<string, AnyValue> } = {}): Span {
  const { attrs, ...rest } = fields;
  return {
    traceId: TRACE, spanId: 'bda182a644eee9b3', parentSpanId: '', traceState: '', flags: 1, name: 'GET /users', kind: SpanKind.SERVER,
    startTimeUnixNano: 1596648396639944600n, endTimeUnixNano: 1596648396640138900n, attributes: new Map(Object.entries(attrs ?? {})),
    droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: StatusCode.UNSET, message: '' }, ...rest,
  };
}
const res = (attrs: Record<string, AnyValue> = {}): Resource => ({ attributes: new Map(Object.entries(attrs)), droppedAttributesCount: 0 });
const encode = (s: Span, r: Resource = res(), options: XrayEncodeOptions = {}) => spanToXraySegment(s, r, scope, options);
const child = (fields: Partial<Span> & { attrs?: Record<string, AnyValue> } = {}) => span({ parentSpanId: '88ad1df59cd7a7be', kind: SpanKind.CLIENT, ...fields });

describe('OpenTelemetry -> X-Ray: document form', () => {
  test('a SERVER span is a segment with the core fields', () => {
    assert.deepEqual(encode(span()), { name: 'GET _users'.replace('_', '/'), id: 'bda182a644eee9b3', start_time: 1596648396.6399446, end_time: 1596648396.6401389, trace_id: '1-5f2aebcc-b475d14618c51eaa28753d37' });
  });

  test('CLIENT, INTERNAL, PRODUCER and CONSUMER spans with a parent are independent subsegments', () => {
    for (const kind of [SpanKind.CLIENT, SpanKind.INTERNAL, SpanKind.PRODUCER, SpanKind.CONSUMER]) {
      const doc = encode(child({ kind }));
      assert.equal(doc.type, 'subsegment');
      assert.equal(doc.parent_id, '88ad1df59cd7a7be');
      assert.equal(doc.trace_id, '1-5f2aebcc-b475d14618c51eaa28753d37');
    }
  });

  test('a root span of any kind is a segment (no MissingParentId); a SERVER span with a parent keeps it', () => {
    assert.equal(encode(span({ kind: SpanKind.CLIENT })).type, undefined);
    const server = encode(span({ parentSpanId: '88ad1df59cd7a7be' }));
    assert.equal(server.type, undefined);
    assert.equal(server.parent_id, '88ad1df59cd7a7be');
  });

  test('an unfinished span is in_progress without end_time', () => {
    const doc = encode(span({ endTimeUnixNano: 0n }));
    assert.equal(doc.in_progress, true);
    assert.equal(doc.end_time, undefined);
  });

  test('invalid ids are SB_MALFORMED', () => {
    assert.throws(() => encode(span({ traceId: '0'.repeat(32) })), (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
    assert.throws(() => encode(span({ spanId: 'xyz' })), (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
  });
});

describe('OpenTelemetry -> X-Ray: names and namespaces', () => {
  test('names come from the first source present and are sanitised whatever the source', () => {
    assert.equal(encode(span({ attrs: { 'aws.local.service': 'orders$svc*' } })).name, 'orderssvc');
    assert.equal(encode(span(), res({ 'service.name': 'checkout' })).name, 'checkout');
    assert.equal(encode(child({ attrs: { 'peer.service': 'reviews' } })).name, 'reviews');
    assert.equal(encode(child({ attrs: { 'db.name': 'ebdb', 'db.connection_string': 'jdbc:postgresql://db.example.com:5432' } })).name, 'ebdb@db.example.com');
    assert.equal(encode(span({ name: '***' })).name, 'span');
    assert.equal(encode(span({ name: 'é'.repeat(300) })).name, 'é'.repeat(200));
  });

  test('namespace aws for AWS SDK calls, remote for other CLIENT calls, none for INTERNAL and segments', () => {
    assert.equal(encode(child({ attrs: { 'rpc.system': 'aws-api', 'rpc.service': 'DynamoDB' } })).namespace, 'aws');
    assert.equal(encode(child({ attrs: { 'aws.service': 's3' } })).namespace, 'aws');
    assert.equal(encode(child()).namespace, 'remote');
    assert.equal(encode(child({ kind: SpanKind.INTERNAL })).namespace, undefined);
    assert.equal(encode(span({ kind: SpanKind.CLIENT })).namespace, undefined);
  });
});

describe('OpenTelemetry -> X-Ray: blocks', () => {
  test('http from current semantic conventions, with error/throttle from a 429 and no leftovers in metadata', () => {
    const doc = encode(span({ attrs: { 'http.request.method': 'POST', 'url.full': 'https://api.example.com/users?id=1', 'user_agent.original': 'curl/8', 'client.address': '10.0.0.7', 'http.response.status_code': 429n, 'http.response.body.size': 12n, 'server.address': 'api.example.com' } }));
    assert.deepEqual(doc.http, { request: { method: 'POST', url: 'https://api.example.com/users?id=1', user_agent: 'curl/8', client_ip: '10.0.0.7', x_forwarded_for: true }, response: { status: 429, content_length: 12 } });
    assert.equal(doc.error, true);
    assert.equal(doc.throttle, true);
    assert.equal(doc.fault, undefined);
    assert.equal(doc.metadata, undefined);
  });

  test('http from the older keys, the URL built from its parts, x_forwarded_for false with a peer IP, 5xx is a fault', () => {
    const doc = encode(child({ attrs: { 'http.method': 'GET', 'net.peer.name': 'reviews', 'net.peer.port': 9080n, 'http.target': '/reviews/0', 'net.peer.ip': '10.1.2.3', 'http.status_code': 503n } }));
    assert.deepEqual(doc.http, { request: { method: 'GET', url: 'http://reviews:9080/reviews/0', client_ip: '10.1.2.3', x_forwarded_for: false }, response: { status: 503 } });
    assert.equal(doc.fault, true);
  });

  test('a status ERROR without HTTP status is a fault, with the status message as the cause', () => {
    const doc = encode(span({ status: { code: StatusCode.ERROR, message: 'boom' } }));
    assert.equal(doc.fault, true);
    const cause = doc.cause as { exceptions: Array<Record<string, unknown>> };
    assert.equal(cause.exceptions.length, 1);
    assert.equal(cause.exceptions[0]?.message, 'boom');
    assert.match(cause.exceptions[0]?.id as string, /^[0-9a-f]{16}$/);
    assert.deepEqual(encode(span({ status: { code: StatusCode.ERROR, message: 'boom' } })).cause, doc.cause, 'ids are deterministic');
  });

  test('exception events become the cause with stacks parsed for the SDK language', () => {
    const event = (attrs: Record<string, AnyValue>): SpanEvent => ({ timeUnixNano: 1n, name: 'exception', attributes: new Map(Object.entries(attrs)), droppedAttributesCount: 0 });
    const stack = 'TypeError: x is undefined\n    at handler (/app/src/index.js:12:5)\n    at /app/node_modules/express/router.js:40:3';
    const doc = encode(child({ events: [event({ 'exception.type': 'TypeError', 'exception.message': 'x is undefined', 'exception.stacktrace': stack })] }), res({ 'telemetry.sdk.language': 'nodejs' }));
    const ex = (doc.cause as { exceptions: Array<Record<string, unknown>> }).exceptions[0];
    assert.equal(ex?.type, 'TypeError');
    assert.equal(ex?.remote, true);
    assert.deepEqual(ex?.stack, [{ label: 'handler', path: '/app/src/index.js', line: 12 }, { path: '/app/node_modules/express/router.js', line: 40 }]);
    const java = 'java.lang.IllegalStateException: no\n\tat com.example.Svc.run(Svc.java:42)\n\tat java.lang.Thread.run(Thread.java:750)';
    const jdoc = encode(span({ events: [event({ 'exception.type': 'java.lang.IllegalStateException', 'exception.stacktrace': java })] }), res({ 'telemetry.sdk.language': 'java' }));
    assert.deepEqual((jdoc.cause as { exceptions: Array<Record<string, unknown>> }).exceptions[0]?.stack, [{ label: 'com.example.Svc.run', path: 'Svc.java', line: 42 }, { label: 'java.lang.Thread.run', path: 'Thread.java', line: 750 }]);
  });

  test('aws for a DynamoDB call; rpc.method of a non-AWS RPC is not an operation', () => {
    const doc = encode(child({ attrs: { 'rpc.system': 'aws-api', 'rpc.service': 'DynamoDB', 'rpc.method': 'PutItem', 'aws.dynamodb.table_names': ['users'], 'db.system': 'dynamodb', 'aws.request_id': 'R1', 'aws.region': 'eu-west-1' } }));
    assert.equal(doc.name, 'DynamoDB');
    assert.deepEqual(doc.aws, { operation: 'PutItem', region: 'eu-west-1', request_id: 'R1', table_name: 'users' });
    assert.equal(doc.metadata, undefined, 'rpc.system, rpc.service and db.system are implied by the document');
    const grpc = encode(child({ attrs: { 'rpc.system': 'grpc', 'rpc.method': 'Get' } }));
    assert.equal(grpc.aws, undefined);
    assert.deepEqual(grpc.metadata, { default: { 'rpc.system': 'grpc', 'rpc.method': 'Get' } });
  });

  test('SQS, SNS and Lambda calls', () => {
    assert.equal(encode(child({ attrs: { 'aws.queue_url': 'https://sqs.us-east-1.amazonaws.com/1/q' } })).aws?.queue_url, 'https://sqs.us-east-1.amazonaws.com/1/q');
    assert.equal(encode(child({ attrs: { 'aws.topic_arn': 'arn:aws:sns:us-west-2:1:t' } })).aws?.topic_arn, 'arn:aws:sns:us-west-2:1:t');
    assert.equal(encode(child({ attrs: { 'faas.invoked_name': 'fn' } })).aws?.function_name, 'fn');
  });

  test('resource blocks, origin and SDK on segments only; no aws object for another cloud', () => {
    const r = res({ 'cloud.provider': 'aws', 'cloud.platform': 'aws_ecs', 'aws.ecs.launchtype': 'fargate', 'container.name': 'web', 'container.id': 'c1', 'cloud.availability_zone': 'us-west-2c', 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.language': 'nodejs', 'telemetry.sdk.version': '2.0.0', 'service.version': '1.2.3', 'cloud.account.id': '123' });
    const doc = encode(span(), r);
    assert.equal(doc.origin, 'AWS::ECS::Fargate');
    assert.deepEqual(doc.aws, { account_id: '123', ecs: { container: 'web', launch_type: 'fargate', container_id: 'c1', availability_zone: 'us-west-2c' }, xray: { sdk: 'opentelemetry for nodejs', sdk_version: '2.0.0', auto_instrumentation: false } });
    assert.deepEqual(doc.service, { version: '1.2.3' });
    const sub = encode(child(), r);
    assert.equal(sub.aws, undefined);
    assert.equal(sub.origin, undefined);
    assert.equal(encode(span({ attrs: { 'aws.region': 'x' } }), res({ 'cloud.provider': 'gcp' })).aws, undefined);
    const eb = encode(span(), res({ 'cloud.platform': 'aws_elastic_beanstalk', 'service.instance.id': '32', 'service.namespace': 'scorekeep', 'service.version': 'v1', 'host.id': 'i-1' }));
    assert.equal(eb.origin, 'AWS::ElasticBeanstalk::Environment');
    assert.deepEqual(eb.aws?.elastic_beanstalk, { environment_name: 'scorekeep', version_label: 'v1', deployment_id: 32 });
    assert.deepEqual(eb.aws?.ec2, { instance_id: 'i-1' });
    assert.equal(eb.service, undefined);
    const eks = encode(span(), res({ 'cloud.platform': 'aws_eks', 'k8s.cluster.name': 'prod', 'k8s.pod.name': 'p', 'container.id': 'c', 'aws.log.group.arns': ['arn:aws:logs:us-east-1:1:log-group:/app:*'] }));
    assert.equal(eks.origin, 'AWS::EKS::Container');
    assert.deepEqual(eks.aws?.eks, { cluster_name: 'prod', pod: 'p', container_id: 'c' });
    assert.deepEqual(eks.aws?.cloudwatch_logs, [{ log_group: '/app', arn: 'arn:aws:logs:us-east-1:1:log-group:/app:*' }]);
  });

  test('sql for SQL systems only', () => {
    const doc = encode(child({ attrs: { 'db.system': 'postgresql', 'db.name': 'ebdb', 'db.connection_string': 'jdbc:postgresql://db:5432', 'db.user': 'u', 'db.statement': 'SELECT 1' } }));
    assert.deepEqual(doc.sql, { database_type: 'postgresql', url: 'jdbc:postgresql://db:5432/ebdb', user: 'u', sanitized_query: 'SELECT 1' });
    assert.deepEqual(encode(child({ attrs: { 'db.system': 'mysql', 'db.name': 'shop' } })).sql, { database_type: 'mysql', connection_string: 'localhost/shop' });
    assert.equal(encode(child({ attrs: { 'db.system': 'redis' } })).sql, undefined);
  });

  test('user, links, precursor ids', () => {
    const doc = encode(span({
      attrs: { 'enduser.id': 'alice' },
      links: [
        { traceId: '655b794c5ccb81d262821fbc0b55cd31', spanId: '6028e8092eb32d71', traceState: '', attributes: new Map([['aws.xray.reserved.reference_type', 'parent']]), droppedAttributesCount: 0, flags: 0 },
        { traceId: '0'.repeat(32), spanId: '6028e8092eb32d71', traceState: '', attributes: new Map(), droppedAttributesCount: 0, flags: 0 },
      ],
    }));
    assert.equal(doc.user, 'alice');
    assert.deepEqual(doc.links, [{ trace_id: '1-655b794c-5ccb81d262821fbc0b55cd31', id: '6028e8092eb32d71', attributes: { 'aws.xray.reserved.reference_type': 'parent' } }], 'the link with an invalid trace id is left out, not the span');
  });
});

describe('OpenTelemetry -> X-Ray: annotations and metadata', () => {
  const attrs = { 'app.tier': 'gold', 'app.count': 3n, 'app.ratio': 0.5, 'app.list': ['a', 'b'], 'my key!': true, 'aws.xray.metadata.debug': '{"x":1}', 'aws.xray.metadata.default': '{"y":2}' };

  test('by default everything is metadata, aws.xray.metadata.<ns> parsed into its namespace', () => {
    const doc = encode(child({ attrs }), res({ 'service.name': 'svc' }));
    assert.equal(doc.annotations, undefined);
    assert.deepEqual(doc.metadata, { default: { 'app.tier': 'gold', 'app.count': 3, 'app.ratio': 0.5, 'app.list': ['a', 'b'], 'my key!': true, y: 2 }, debug: { x: 1 } });
  });

  test('indexed_attributes become annotations with sanitised keys; resource attributes on segments as otel.resource.*', () => {
    const doc = encode(span({ attrs }), res({ 'service.name': 'svc', 'deployment.environment': 'prod' }), { indexedAttributes: ['app.tier', 'my key!', 'otel.resource.service.name'] });
    assert.deepEqual(doc.annotations, { 'app.tier': 'gold', 'my_key_': true, 'otel.resource.service.name': 'svc' });
    assert.equal((doc.metadata?.default as Record<string, unknown>)['otel.resource.deployment.environment'], 'prod');
  });

  test('index_all_attributes annotates every scalar; arrays stay metadata instead of being dropped', () => {
    const doc = encode(child({ attrs }), res(), { indexAllAttributes: true });
    assert.deepEqual(doc.annotations, { 'app.tier': 'gold', 'app.count': 3, 'app.ratio': 0.5, 'my_key_': true });
    assert.deepEqual(doc.metadata, { default: { 'app.list': ['a', 'b'], y: 2 }, debug: { x: 1 } });
  });

  test('keys listed in aws.xray.annotations (contrib convention) are annotated; indexed keys that a field took are annotated too', () => {
    const doc = encode(child({ attrs: { 'aws.xray.annotations': ['app.tier'], 'app.tier': 'gold', 'http.request.method': 'GET' } }), res(), { indexedAttributes: ['http.request.method'] });
    assert.deepEqual(doc.annotations, { 'app.tier': 'gold', 'http.request.method': 'GET' });
    assert.equal(doc.http?.request?.method, 'GET');
  });

  test('an id rewritten by the epoch fix keeps the original in the annotation', () => {
    const doc = encode(span(), res(), { xrayTraceIds: new Map([[TRACE, '1-6553f100-b475d14618c51eaa28753d37']]) });
    assert.equal(doc.trace_id, '1-6553f100-b475d14618c51eaa28753d37');
    assert.deepEqual(doc.annotations, { spanbridge_original_trace_id: TRACE });
  });
});
