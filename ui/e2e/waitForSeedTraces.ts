import { setTimeout as sleep } from 'node:timers/promises';
import type { SeedTrace } from './seedTrace.js';

const POLL_MILLIS = 100;

/** What the native API (docs/api-native.md) still lacks of the seeds: traces short of spans, and absent edges. */
async function missing(queryBaseUrl: string, seeds: readonly SeedTrace[]): Promise<string[]> {
  const out: string[] = [];
  for (const seed of seeds) {
    const res = await fetch(`${queryBaseUrl}/api/v1/traces/${seed.traceId}/summary`);
    let spans = 0;
    if (res.status === 200) spans = ((await res.json()) as { spanCount: number }).spanCount;
    else await res.text(); // 404 until the first span of the trace is stored
    if (spans < seed.spanCount) out.push(`trace ${seed.traceId}: ${spans} of ${seed.spanCount} spans`);
  }
  const wanted = new Set(seeds.flatMap((s) => s.edges));
  if (wanted.size > 0) {
    const graph = (await (await fetch(`${queryBaseUrl}/api/v1/dependencies`)).json()) as { edges?: Array<{ parent: string; child: string }> };
    for (const e of graph.edges ?? []) wanted.delete(`${e.parent}->${e.child}`);
    for (const edge of wanted) out.push(`edge ${edge}`);
  }
  return out;
}

/** Resolves once the query API shows every seed span and edge; throws naming what is missing after `timeoutMillis`. */
export async function waitForSeedTraces(queryBaseUrl: string, seeds: readonly SeedTrace[], timeoutMillis = 30_000): Promise<void> {
  const until = Date.now() + timeoutMillis;
  for (;;) {
    const absent = await missing(queryBaseUrl, seeds);
    if (absent.length === 0) return;
    if (Date.now() > until) throw new Error(`the query API did not show the seed traces within ${timeoutMillis} ms: ${absent.join('; ')}`);
    await sleep(POLL_MILLIS);
  }
}
