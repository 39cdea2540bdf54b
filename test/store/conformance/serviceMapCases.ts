import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnyValue } from '../../../src/model/span.js';
import { SpanKind, StatusCode } from '../../../src/model/span.js';
import type { ServiceMapEdge, TraceStore } from '../../../src/store/store.js';
import { testBatch, type TestSpanSpec } from '../testSpans.js';
import { HOUR, MS, T0, eventually, spanIdOf, traceIdOf, withStore, type OpenStore } from './conformanceKit.js';

const WINDOW: [bigint, bigint] = [T0 - HOUR, T0 + HOUR];

const label = (e: ServiceMapEdge) => `${e.parent ?? '(client)'}->${e.child}${e.childType === undefined ? '' : ` [${e.childType}]`}${e.virtual ? ' (virtual)' : ''}`;

function find(edges: ServiceMapEdge[], parent: string | undefined, child: string): ServiceMapEdge | undefined {
  return edges.find((e) => e.parent === parent && e.child === child);
}

/** Waits until the map has an edge parent -> child (calls to virtual nodes show once the grace period has passed). */
function mapWithEdge(store: TraceStore, parent: string, child: string): Promise<ServiceMapEdge[]> {
  return eventually(`map edge ${parent} -> ${child}`, async () => {
    const { edges } = await store.getServiceMap(...WINDOW);
    return find(edges, parent, child) === undefined ? undefined : edges;
  });
}

/** A CLIENT span of `app` with no partner, in a trace of its own. */
function awsCall(n: number, attributes: Record<string, AnyValue>): TestSpanSpec {
  return { service: 'app', traceId: traceIdOf(900 + n), spanId: spanIdOf(1), parentSpanId: spanIdOf(9), name: 'aws', kind: SpanKind.CLIENT, startNanos: T0, durationNanos: 4n * MS, attributes };
}

export function registerServiceMapCases(open: OpenStore): void {
  describe('getServiceMap', () => {
    test('lists every service with a span in the window, and the calls parentless spans stand for', () =>
      withStore(open, async (store) => {
        const t1 = traceIdOf(801);
        const root: TestSpanSpec = { service: 'front', traceId: t1, spanId: spanIdOf(1), name: 'GET /', kind: SpanKind.SERVER, startNanos: T0, durationNanos: 30n * MS, attributes: { 'http.response.status_code': 503n } };
        const out: TestSpanSpec = { service: 'front', traceId: t1, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'call', kind: SpanKind.CLIENT, startNanos: T0 + MS, durationNanos: 20n * MS };
        const inCart: TestSpanSpec = { service: 'cart', traceId: t1, spanId: spanIdOf(3), parentSpanId: spanIdOf(2), name: 'serve', kind: SpanKind.SERVER, startNanos: T0 + 2n * MS, durationNanos: 10n * MS };
        // A service that calls nothing and that nothing calls, with an INTERNAL root: X-Ray shows it all the same.
        const solo: TestSpanSpec = { service: 'solo', traceId: traceIdOf(802), spanId: spanIdOf(1), name: 'job', kind: SpanKind.INTERNAL, startNanos: T0, durationNanos: 7n * MS, status: StatusCode.ERROR };
        // A consumer with a link waits for its producer: no entry call.
        const linked: TestSpanSpec = { service: 'worker', traceId: traceIdOf(803), spanId: spanIdOf(1), name: 'process', kind: SpanKind.CONSUMER, startNanos: T0, durationNanos: MS, links: [{ traceId: traceIdOf(804), spanId: spanIdOf(1) }] };
        const before: TestSpanSpec = { service: 'old', traceId: traceIdOf(805), spanId: spanIdOf(1), name: 'x', kind: SpanKind.SERVER, startNanos: T0 - 3n * HOUR, durationNanos: MS };
        await store.write(testBatch([root, out, inCart, solo, linked, before]));

        const map = await store.getServiceMap(...WINDOW);
        assert.deepEqual(map.services, ['cart', 'front', 'solo', 'worker']);
        assert.deepEqual(map.edges.map(label), ['(client)->front', '(client)->solo', 'front->cart']);
        const entry = find(map.edges, undefined, 'front');
        assert.deepEqual([entry?.callCount, entry?.faultCount, entry?.errorCount, entry?.throttleCount], [1, 1, 0, 0]);
        assert.deepEqual(entry?.latencies, [{ nanos: 30n * MS, count: 1 }]);
        assert.equal(find(map.edges, undefined, 'solo')?.errorCount, 1);
        assert.deepEqual(find(map.edges, 'front', 'cart')?.latencies, [{ nanos: 20n * MS, count: 1 }]);
        // Entry calls are the map's alone: the dependency graph and the catalogues do not show a client.
        assert.deepEqual((await store.getDependencies(...WINDOW)).map((e) => `${e.parent}->${e.child}`), ['front->cart']);
        assert.deepEqual(await store.getServices(), ['cart', 'front', 'old', 'solo', 'worker']);
        assert.deepEqual((await store.getServiceMap(T0 - 4n * HOUR, T0 - 2n * HOUR)).services, ['old']);
        assert.deepEqual(await store.getServiceMap(T0, T0), { services: [], edges: [] });
      }));

    test('latency histograms add up across calls', () =>
      withStore(open, async (store) => {
        const specs: TestSpanSpec[] = [];
        for (const [i, ms] of [5n, 5n, 5n, 200n].entries()) {
          specs.push({ service: 'a', traceId: traceIdOf(810 + i), spanId: spanIdOf(1), name: 'run', kind: SpanKind.SERVER, startNanos: T0 + BigInt(i) * MS, durationNanos: ms * MS });
        }
        await store.write(testBatch(specs));
        const latencies = find((await store.getServiceMap(...WINDOW)).edges, undefined, 'a')?.latencies ?? [];
        assert.deepEqual(latencies.map((l) => l.count), [3, 1]);
        // Each latency is its bucket's middle kept within the calls' min and max: within 9 % of the true one.
        const [low, high] = latencies.map((l) => Number(l.nanos) / 1e6);
        assert.ok(low !== undefined && low >= 5 && low <= 5.45, `${low} ms`);
        assert.equal(high, 200);
      }));

    test('a call to AWS goes to the resource it reached, typed as AWS types it; the dependency graph keeps the peer', () =>
      withStore(open, async (store) => {
        const sdk = { 'rpc.system': 'aws-api' };
        await store.write(testBatch([
          awsCall(1, { ...sdk, 'rpc.service': 'DynamoDB', 'aws.dynamodb.table_names': ['Users'], 'server.address': 'dynamodb.eu-west-1.amazonaws.com' }),
          awsCall(2, { ...sdk, 'rpc.service': 'DynamoDB', 'aws.dynamodb.table_names': ['Orders'], 'server.address': 'dynamodb.eu-west-1.amazonaws.com' }),
          awsCall(3, { ...sdk, 'rpc.service': 'S3', 'aws.s3.bucket': 'media' }),
          awsCall(4, { ...sdk, 'rpc.service': 'SQS', 'aws.sqs.queue.url': 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs' }),
          awsCall(5, { ...sdk, 'rpc.service': 'SNS', 'aws.sns.topic.arn': 'arn:aws:sns:eu-west-1:123456789012:alerts' }),
          awsCall(6, { ...sdk, 'rpc.service': 'Lambda', 'faas.invoked_name': 'resize', 'peer.service': 'Lambda' }),
          // As the X-Ray codec decodes an `aws` subsegment without a resource: X-Ray draws the service.
          awsCall(7, { 'aws.xray.namespace': 'aws', 'peer.service': 'SNS' }),
          // Application Signals names the resource itself.
          awsCall(8, { 'aws.remote.resource.type': 'AWS::Kinesis::Stream', 'aws.remote.resource.identifier': 'clicks', 'peer.service': 'Kinesis' }),
          awsCall(9, { 'peer.service': 'billing-api' }),
        ]));
        const edges = await mapWithEdge(store, 'app', 'billing-api');
        assert.deepEqual(edges.map(label), [
          'app->alerts [AWS::SNS::Topic] (virtual)',
          'app->billing-api (virtual)',
          'app->clicks [AWS::Kinesis::Stream] (virtual)',
          'app->jobs [AWS::SQS::Queue] (virtual)',
          'app->media [AWS::S3::Bucket] (virtual)',
          'app->Orders [AWS::DynamoDB::Table] (virtual)',
          'app->resize [AWS::Lambda::Function] (virtual)',
          'app->SNS [AWS::SNS] (virtual)',
          'app->Users [AWS::DynamoDB::Table] (virtual)',
        ].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
        assert.deepEqual(find(edges, 'app', 'Users')?.latencies, [{ nanos: 4n * MS, count: 1 }]);
        // Every other API shows the peer name as before; calls that name no peer (S3, SQS, SNS here) are the map's.
        const deps = await store.getDependencies(...WINDOW);
        assert.deepEqual(deps.map((e) => `${e.parent}->${e.child}:${e.callCount}`), ['app->Kinesis:1', 'app->Lambda:1', 'app->SNS:1', 'app->billing-api:1', 'app->dynamodb.eu-west-1.amazonaws.com:2']);
        assert.deepEqual(await store.getRemoteServices('app'), ['Kinesis', 'Lambda', 'SNS', 'billing-api', 'dynamodb.eu-west-1.amazonaws.com']);
      }));
  });
}
