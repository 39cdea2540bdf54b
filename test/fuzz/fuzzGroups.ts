// The fuzz target groups, each run against one CLI of its own (`npm run fuzz`, and test/fuzz/*.test.ts in CI).
import type { AllInOne } from '../support/allInOne.js';
import type { FuzzTarget } from './fuzzRunner.js';
import { otlpCanary, otlpTargets, xrayCanary, xrayTargets, zipkinCanary, zipkinTargets } from './targets/ingestTargets.js';
import { jaegerCanary, jaegerTargets } from './targets/jaegerTargets.js';
import { queryCanary, queryTargets, seedQueryData } from './targets/queryTargets.js';

export interface FuzzGroup {
  readonly name: string;
  /** Data the targets need stored first. */
  prepare?(a: AllInOne): Promise<void>;
  targets(a: AllInOne): Array<FuzzTarget<never>>;
  canary(a: AllInOne): () => Promise<string | undefined>;
}

export const FUZZ_GROUPS: readonly FuzzGroup[] = [
  { name: 'zipkin', targets: (a) => zipkinTargets(a) as Array<FuzzTarget<never>>, canary: zipkinCanary },
  { name: 'otlp', targets: (a) => otlpTargets(a) as Array<FuzzTarget<never>>, canary: otlpCanary },
  { name: 'xray', targets: (a) => xrayTargets(a) as Array<FuzzTarget<never>>, canary: xrayCanary },
  { name: 'jaeger', targets: (a) => jaegerTargets(a) as Array<FuzzTarget<never>>, canary: jaegerCanary },
  { name: 'query', prepare: seedQueryData, targets: (a) => queryTargets(a) as Array<FuzzTarget<never>>, canary: queryCanary },
];
