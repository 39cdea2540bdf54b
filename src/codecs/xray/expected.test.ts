// The translations test/fixtures/xray/EXPECTED.md states for X-Ray -> OpenTelemetry, with this codec's current
// attribute names (README.md), and where this codec deliberately differs from contrib, that difference.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { Span, TraceBatch } from '../../model/span.js';
import { XRAY_FIXTURES } from '../../../test/codecs/xray/xrayFixtures.js';
import { xrayDocumentToBatch, xrayTracesToBatch } from './xrayDocumentToBatch.js';

const read = (rel: string) => readFileSync(join(XRAY_FIXTURES, rel), 'utf8');
const decode = (rel: string) => xrayDocumentToBatch(read(rel));
const spans = (b: TraceBatch): Span[] => b.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
const only = (b: TraceBatch): Span => {
  const all = spans(b);
  assert.equal(all.length, 1);
  return all[0] as Span;
};
const resource = (b: TraceBatch) => Object.fromEntries(b.resourceSpans[0]?.resource.attributes ?? []);

describe('EXPECTED.md: X-Ray -> OpenTelemetry', () => {
  test('1. serverSample: one SERVER span, HTTP attributes, SDK resource; the UDP framing variant is the same body', () => {
    const b = decode('otel-collector-contrib/serverSample.txt');
    const s = only(b);
    assert.equal(s.kind, SpanKind.SERVER);
    assert.equal(s.name, 'SampleServer');
    assert.equal(s.parentSpanId, '');
    assert.equal(s.status.code, StatusCode.UNSET);
    assert.equal(s.traceId, '5f2aebccb475d14618c51eaa28753d37');
    assert.equal(s.startTimeUnixNano, 1596648396639944600n);
    for (const [k, v] of Object.entries({ 'http.request.method': 'GET', 'client.address': '127.0.0.1', 'user_agent.original': 'Go-http-client/1.1', 'aws.xray.x_forwarded_for': true, 'http.response.status_code': 200n, 'url.full': 'http://localhost:8000/' })) {
      assert.equal(s.attributes.get(k), v, k);
    }
    assert.deepEqual(resource(b), { 'service.name': 'SampleServer', 'cloud.provider': 'aws', 'telemetry.sdk.name': 'X-Ray for Go', 'telemetry.sdk.version': '1.1.0', 'telemetry.sdk.language': 'Go' });
    const raw = read('otel-collector-contrib/rawsegment/serverSample.txt');
    assert.ok(raw.startsWith('{"format": "json", "version": 1}\n'));
    assert.equal(only(xrayDocumentToBatch(raw.slice(raw.indexOf('\n') + 1))).spanId, s.spanId);
  });

  test('2. ddbSample: 18 spans depth-first, kinds, statuses, DynamoDB attributes, exception events', () => {
    const all = spans(decode('otel-collector-contrib/ddbSample.txt'));
    assert.equal(all.length, 18);
    const expected: Array<[string, string, SpanKind, StatusCode]> = [
      ['88ad1df59cd7a7be', '', SpanKind.SERVER, StatusCode.ERROR], ['7df694142c905d8d', '88ad1df59cd7a7be', SpanKind.INTERNAL, StatusCode.ERROR],
      ['7318c46a385557f5', '7df694142c905d8d', SpanKind.CLIENT, StatusCode.UNSET], ['0239834271dbee25', '7318c46a385557f5', SpanKind.INTERNAL, StatusCode.UNSET],
      ['23cf5bb60e4f66b1', '7318c46a385557f5', SpanKind.INTERNAL, StatusCode.UNSET], ['417b81b977b9563b', '23cf5bb60e4f66b1', SpanKind.INTERNAL, StatusCode.UNSET],
      ['0cab02b318413eb1', '417b81b977b9563b', SpanKind.INTERNAL, StatusCode.UNSET], ['f8dbc5c6b291017e', '417b81b977b9563b', SpanKind.INTERNAL, StatusCode.UNSET],
      ['e2deb66ecaa769a5', '417b81b977b9563b', SpanKind.INTERNAL, StatusCode.UNSET], ['a70bfab91597c7a2', '23cf5bb60e4f66b1', SpanKind.INTERNAL, StatusCode.UNSET],
      ['c05331c26d3e8a7f', '23cf5bb60e4f66b1', SpanKind.INTERNAL, StatusCode.UNSET], ['5fca2dfc9de81f4c', '7318c46a385557f5', SpanKind.INTERNAL, StatusCode.UNSET],
      ['71631df3f58bdfc5', '7df694142c905d8d', SpanKind.CLIENT, StatusCode.ERROR], ['9da02fcbb9711b47', '71631df3f58bdfc5', SpanKind.INTERNAL, StatusCode.UNSET],
      ['56b1cb185cbdb378', '71631df3f58bdfc5', SpanKind.INTERNAL, StatusCode.ERROR], ['6f908a1d3ec70abe', '56b1cb185cbdb378', SpanKind.INTERNAL, StatusCode.UNSET],
      ['acfaa7e3fe3aab03', '56b1cb185cbdb378', SpanKind.INTERNAL, StatusCode.UNSET], ['ba8d350c0e8cdc4b', '71631df3f58bdfc5', SpanKind.INTERNAL, StatusCode.ERROR],
    ];
    assert.deepEqual(all.map((s) => [s.spanId, s.parentSpanId, s.kind, s.status.code]), expected);
    const put = all[12] as Span;
    for (const [k, v] of Object.entries({ 'aws.xray.namespace': 'aws', 'rpc.system': 'aws-api', 'rpc.service': 'dynamodb', 'rpc.method': 'PutItem', 'aws.region': 'us-west-2', 'http.response.status_code': 400n, 'http.response.body.size': 112n, 'aws.xray.retries': 0n, 'db.system': 'dynamodb' })) {
      assert.equal(put.attributes.get(k), v, k);
    }
    assert.deepEqual(put.attributes.get('aws.dynamodb.table_names'), ['does_not_exist']);
    const second = all[1] as Span;
    assert.equal(second.attributes.get('DDB.DescribeExistingTableAndPutToMissingTable.Annotation'), 'anno');
    assert.deepEqual(second.attributes.get('aws.xray.annotations'), ['DDB.DescribeExistingTableAndPutToMissingTable.Annotation']);
    assert.deepEqual(JSON.parse(second.attributes.get('aws.xray.metadata.default') as string), { 'DDB.DescribeExistingTableAndPutToMissingTable.AddMetadata': 'meta' });
    assert.equal(all.reduce((n, s) => n + s.events.length, 0), 5);
    const root = all[0] as Span;
    assert.equal(root.attributes.get('enduser.id'), 'xraysegmentdump');
    const event = root.events[0];
    assert.equal(event?.name, 'exception');
    assert.equal(event?.attributes.get('aws.xray.exception.id'), '3e9e11e3ab3fba60');
    assert.equal(event?.attributes.get('aws.xray.exception.remote'), true);
    assert.equal(event?.attributes.get('exception.stacktrace'), 'dynamodb.ResourceNotFoundException: ResourceNotFoundException: Requested resource not found\n\tat main(runtime/proc.go: 203)\n\tat goexit(runtime/asm_amd64.s: 1373)');
  });

  test('3. and 4. resource attributes: no aws block means no cloud.provider; EC2, ECS and Beanstalk blocks map', () => {
    assert.deepEqual(resource(decode('otel-collector-contrib/awsMissingAwsField.txt')), { 'service.name': 'SampleServer' });
    const b = decode('otel-collector-contrib/awsValidAwsFields.txt');
    const r = resource(b);
    for (const [k, v] of Object.entries({ 'cloud.account.id': '000000000000', 'cloud.availability_zone': 'us-west-2c', 'host.id': 'i-075ad396f12bc325a', 'host.type': 'm5.xlarge', 'host.image.id': 'ami-003634241a8fcdec0', 'container.name': 'containerId1234', 'container.id': 'd8453812a556', 'service.namespace': 'scorekeep', 'service.instance.id': '32', 'service.version': 'app-5a56-170119_190650-stage-170119_190650' })) {
      assert.equal(r[k], v, k);
    }
    assert.equal(only(b).attributes.get('aws.account_id'), '000000000000');
  });

  test('5. cause as an exception id: status ERROR with that message, no events (fault kept as a flag)', () => {
    const s = only(decode('otel-collector-contrib/minCauseIsExceptionId.txt'));
    assert.deepEqual(s.status, { code: StatusCode.ERROR, message: 'abcdefghijklmnop' });
    assert.equal(s.events.length, 0);
    assert.equal(s.attributes.get('aws.xray.fault'), true);
  });

  test('8. and 9. independent subsegment: CLIENT with its parent; content_length number or string as sent', () => {
    const s = only(decode('otel-collector-contrib/indepSubsegment.txt'));
    assert.equal(s.kind, SpanKind.CLIENT);
    assert.equal(s.parentSpanId, 'defdfd9912dc5a56');
    assert.equal(s.attributes.get('aws.xray.document_kind'), 'subsegment');
    assert.equal(s.attributes.get('aws.xray.traced'), true);
    assert.equal(s.attributes.get('http.response.body.size'), 861n);
    assert.equal(only(decode('otel-collector-contrib/indepSubsegmentWithContentLengthString.txt')).attributes.get('http.response.body.size'), '861');
  });

  test('10. SQL subsegment: url split into connection string and database name', () => {
    const s = only(decode('otel-collector-contrib/indepSubsegmentWithSql.txt'));
    for (const [k, v] of Object.entries({ 'db.connection_string': 'jdbc:postgresql://aawijb5u25wdoy.cpamxznpdoq8.us-west-2.rds.amazonaws.com:5432', 'db.name': 'ebdb', 'db.system': 'PostgreSQL', 'db.statement': 'SELECT  *  FROM  customers  WHERE  customer_id=?;', 'db.user': 'dbuser' })) {
      assert.equal(s.attributes.get(k), v, k);
    }
  });

  test('13. to 15. segment with parent is SERVER; local namespace INTERNAL; in progress; other top-level fields', () => {
    const withParent = only(decode('otel-collector-contrib/segmentWithParentId.txt'));
    assert.equal(withParent.kind, SpanKind.SERVER);
    assert.equal(withParent.parentSpanId, 'bda182a644eee9b3');
    assert.equal(withParent.endTimeUnixNano, 0n);
    assert.equal(only(decode('otel-collector-contrib/indepSubsegmentWithLocalNamespace.txt')).kind, SpanKind.INTERNAL);
    const inProgress = only(decode('otel-collector-contrib/minInProgress.txt'));
    assert.equal(inProgress.attributes.get('aws.xray.inprogress'), true);
    assert.equal(inProgress.endTimeUnixNano, 0n);
    const other = decode('otel-collector-contrib/minOtherFields.txt');
    const s = only(other);
    assert.equal(s.kind, SpanKind.INTERNAL);
    assert.equal(s.attributes.get('aws.xray.origin'), 'AWS::EC2::Instance');
    assert.equal(s.attributes.get('aws.xray.throttle'), true);
    assert.equal(s.attributes.get('aws.xray.error'), false);
    assert.equal(s.status.code, StatusCode.ERROR, 'throttle counts (contrib ignores the flags)');
    assert.equal(resource(other)['cloud.resource_id'], 'chicken');
    assert.equal(resource(other)['cloud.platform'], 'aws_ec2');
  });

  test('16.1 BatchGetTraces: 5 documents, Lambda, DynamoDB, SNS and inferred segments', () => {
    const { batch, problems } = xrayTracesToBatch(JSON.parse(read('dtPaTh-AWS.XRayExporter/batchgettraces.json')));
    assert.deepEqual(problems, []);
    assert.equal(batch.resourceSpans.length, 5);
    const all = spans(batch);
    assert.equal(all.length, 11);
    const byId = new Map(all.map((s) => [s.spanId, s]));
    const lambda = byId.get('0c544c1b1bbff948') as Span;
    assert.equal(lambda.kind, SpanKind.CLIENT);
    assert.equal(lambda.attributes.get('faas.invoked_name'), 'random-name');
    assert.equal(lambda.attributes.get('rpc.method'), 'Invoke');
    const ddb = byId.get('4cd3f10b76c624b4') as Span;
    assert.deepEqual(ddb.attributes.get('aws.dynamodb.table_names'), ['scorekeep-user']);
    assert.equal(ddb.attributes.get('db.system'), 'dynamodb');
    const sns = byId.get('b29b548af4d54a0f') as Span;
    assert.equal(sns.attributes.get('messaging.system'), 'aws_sns');
    assert.equal(sns.attributes.get('messaging.destination.name'), 'awseb-e-ruag3jyweb-stack-NotificationTopic-6B829NT9V5O9');
    const inferred = byId.get('17ba309b32c7fbaf') as Span;
    assert.equal(inferred.attributes.get('aws.xray.inferred'), true);
    assert.equal(inferred.kind, SpanKind.SERVER);
    assert.equal(inferred.parentSpanId, '4cd3f10b76c624b4');
    assert.ok(all.every((s) => s.traceId === '5960260323fc5b688855d396af79b496'));
  });

  test('16.2 SQS traces: API Gateway fields, annotations with ":" keys, SQS queue, links both ways', () => {
    const parent = xrayTracesToBatch(JSON.parse(read('dtPaTh-AWS.XRayExporter/sqs-segment-parent.json')));
    const all = spans(parent.batch);
    const gateway = all.find((s) => s.spanId === '797142da7c9e37cc') as Span;
    assert.equal(gateway.attributes.get('aws.api_gateway.rest_api_id'), 'gbz1q92hik');
    assert.equal(gateway.attributes.get('aws.api_gateway.stage'), 'test');
    assert.equal(gateway.attributes.get('aws:api_id'), 'gbz1q92hik');
    assert.equal(gateway.attributes.get('aws.xray.origin'), 'AWS::ApiGateway::Stage');
    const sqs = all.find((s) => s.spanId === '6028e8092eb32d71') as Span;
    assert.equal(sqs.attributes.get('messaging.system'), 'aws_sqs');
    assert.equal(sqs.attributes.get('messaging.destination.name'), 'some-xray-e2e-test-Queue-l2PTEMxYysIK');
    assert.equal(sqs.attributes.get('messaging.message.id'), '90fab1ee-c871-4c6f-ae89-48572dd7ad43');
    const queue = all.find((s) => s.spanId === '0e0f0c252435ae9e') as Span;
    assert.deepEqual(queue.links.map((l) => [l.traceId, l.spanId, l.attributes.get('aws.xray.reserved.reference_type')]), [['655b794c4a9a1ce0471e9f2d7530adec', '7b752a9f8d89fa08', 'child']]);
    const child = spans(xrayTracesToBatch(JSON.parse(read('dtPaTh-AWS.XRayExporter/sqs-segment-child.json'))).batch);
    const consumer = child.find((s) => s.spanId === '7b752a9f8d89fa08') as Span;
    assert.deepEqual(consumer.links.map((l) => [l.traceId, l.spanId, l.attributes.get('aws.xray.reserved.reference_type')]), [['655b794c5ccb81d262821fbc0b55cd31', '6028e8092eb32d71', 'parent']]);
  });

  test('one bad document in BatchGetTraces output is named, the others are kept', () => {
    const good = read('otel-collector-contrib/serverSample.txt');
    const result = xrayTracesToBatch({ Traces: [{ Id: 'x', Segments: [{ Id: 'a', Document: good }, { Id: 'b', Document: '{"id": 1}' }, { Id: 'c' }] }] });
    assert.equal(spans(result.batch).length, 1);
    assert.equal(result.rejected, 2);
    assert.match(result.problems[0] as string, /^Traces\[0\]\.Segments\[1\]: X-Ray document trace_id: missing/);
    assert.match(result.problems[1] as string, /^Traces\[0\]\.Segments\[2\]\.Document: expected a JSON string/);
  });
});
