// What every section of `npm run bench` is: a name for `--only`, a title, and a run that prints its own table.
import type { E2eScenario } from './e2e/e2eBodies.js';

export interface BenchOptions {
  /** Measured passes per figure (the median is reported). */
  runs: number;
  /** Passes run first and discarded. */
  warmups: number;
  /** Spans stored before the store queries are timed (default 1M, a day of a mid-sized mesh). */
  storeSpans: number;
  /** Spans bulk-loaded into ClickHouse before its queries are timed (default 10M). */
  clickhouseSpans: number;
  /** End-to-end section: seconds of load per protocol, requests in flight, and the loads to run. */
  e2eSeconds: number;
  e2eConnections: number;
  e2eProtocols: E2eScenario[];
}

export type Print = (text: string) => void;

export interface BenchSection {
  readonly name: string;
  readonly title: string;
  run(options: BenchOptions, print: Print): Promise<void>;
}
