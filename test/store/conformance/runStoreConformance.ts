import { describe } from 'node:test';
import { registerCatalogueCases } from './catalogueCases.js';
import type { OpenStore } from './conformanceKit.js';
import { registerDependencyCases } from './dependencyCases.js';
import { registerRetentionCases } from './retentionCases.js';
import { registerSearchCases } from './searchCases.js';
import { registerServiceMapCases } from './serviceMapCases.js';
import { registerTraceCases } from './traceCases.js';

/**
 * Registers (node:test) the behaviour every TraceStore must show: each StoreReader method, the TraceQuery rules of
 * store.ts, summaries kept current by late spans, dependency pairing in both arrival orders with virtual nodes and
 * error/fault/throttle counts and percentiles, the service map (every service in a window, entry calls, AWS
 * resources, latency histograms), and deleteBefore.
 *
 * `open` must return a new, empty store each call (the cases close it), with a dependency grace period of at most a
 * second or so: the virtual-node cases wait for it (up to 15 s).
 */
export function runStoreConformance(name: string, open: OpenStore): void {
  describe(`${name}: TraceStore conformance`, () => {
    registerTraceCases(open);
    registerSearchCases(open);
    registerCatalogueCases(open);
    registerDependencyCases(open);
    registerServiceMapCases(open);
    registerRetentionCases(open);
  });
}
