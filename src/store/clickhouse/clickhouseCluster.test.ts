import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SpanKind } from '../../model/span.js';
import { MS, T0, spanIdOf, traceIdOf } from '../../../test/store/conformance/conformanceKit.js';
import { runStoreConformance } from '../../../test/store/conformance/runStoreConformance.js';
import { datasetBatch } from '../../../test/store/conformance/searchDataset.js';
import { skipWithoutCluster, startClickHouseCluster, type RunningCluster } from '../../../test/support/clickhouseCluster.js';
import { testBatch } from '../../../test/store/testSpans.js';
import { createClickHouseStore } from './createClickHouseStore.js';

const GRACE_MILLIS = 200;

describe('clickhouse store on a two-shard cluster (real clickhouse-servers and ZooKeeper)', skipWithoutCluster(), () => {
  let cluster: RunningCluster;
  let databases = 0;
  before(async () => {
    cluster = await startClickHouseCluster();
  });
  after(() => cluster?.stop());

  const endpoint = (i: number) => (cluster.nodes[i % cluster.nodes.length] as { endpoint: string }).endpoint;

  // Each store talks to one of the two servers in turn: either serves the whole cluster.
  runStoreConformance('clickhouse cluster', async () =>
    createClickHouseStore({ endpoint: endpoint(databases), database: `cluster_${++databases}`, cluster: cluster.cluster, dependencyGraceMillis: GRACE_MILLIS, batchMaxDelayMillis: 0 }));

  test('spans are sharded by trace id over both servers, and each server reads every trace whole', async () => {
    const database = `sharding_${++databases}`;
    const writer = createClickHouseStore({ endpoint: endpoint(0), database, cluster: cluster.cluster, batchMaxDelayMillis: 0 });
    const reader = createClickHouseStore({ endpoint: endpoint(1), database, cluster: cluster.cluster });
    try {
      await writer.write(datasetBatch());
      const spread = await Promise.all(
        cluster.nodes.map(async (n) => {
          const res = await fetch(n.endpoint, { method: 'POST', body: `SELECT count() FROM ${database}.spans_local` });
          return Number((await res.text()).trim());
        }),
      );
      assert.ok(spread.every((count) => count > 0), `local span counts ${spread.join(', ')}`);
      for (const id of [traceIdOf(1000), traceIdOf(1001), traceIdOf(1035)]) {
        assert.deepEqual(await reader.getTrace(id), await writer.getTrace(id));
        assert.ok(((await reader.getTraceSummary(id))?.spanCount ?? 0) >= 3);
      }
      assert.deepEqual(await reader.findTraces({ service: 'payment', limit: 100 }), await writer.findTraces({ service: 'payment', limit: 100 }));
      await writer.write(testBatch([{ service: 'late', traceId: traceIdOf(1000), spanId: spanIdOf(77), parentSpanId: spanIdOf(1), name: 'x', kind: SpanKind.INTERNAL, startNanos: T0, durationNanos: MS }]));
      assert.equal((await reader.getTraceSummary(traceIdOf(1000)))?.spanCount, 5);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});
