// The end-to-end section's tables: what the server stored and what it cost, then the queries timed during the load,
// each figure beside its same-run baseline and target.
import { formatCount, formatMillis, formatRatio, formatTable, targetMark } from '../formatTable.js';
import { percentile } from '../measure.js';
import type { LoadResult } from './loadClient.js';
import type { ProbeResult } from './queryProbe.js';

export const TARGETS = {
  zipkinSpansPerSecond: 40_000,
  otlpSpansPerSecond: 60_000,
  byIdP99Millis: 50,
  searchP99Millis: 200,
  peakRssMiB: 300,
  healthMaxMillis: 100,
} as const;

export interface ScenarioFigures {
  label: string;
  connections: number;
  /** Spans the store committed during the scenario (its /metrics counter). */
  storedSpans: number;
  /** From the load's start until the store had committed everything accepted. */
  storeSeconds: number;
  /** Server CPU (all threads) over the same time. */
  cpuSeconds: number;
  peakRssMiB: number;
  /** The bare parse of the same bodies in the bench process (JSON.parse or protobufjs decode). */
  baselineSpansPerSecond: number;
  /** Stored spans/s to reach; undefined when the scenario has none (overload). */
  targetSpansPerSecond: number | undefined;
  load: LoadResult;
  probe: ProbeResult;
  /** One-minute load average when the scenario started and ended. */
  loadAverage: [number, number];
}

function rate(f: ScenarioFigures): number {
  return f.storeSeconds > 0 ? f.storedSpans / f.storeSeconds : Number.NaN;
}

function loadText(f: ScenarioFigures): string {
  return `${f.loadAverage[0].toFixed(1)}-${f.loadAverage[1].toFixed(1)}`;
}

/** The throughput and cost table. */
export function storeTable(figures: readonly ScenarioFigures[]): string {
  const rows = figures.map((f) => {
    const r = rate(f);
    const perCpu = f.cpuSeconds > 0 ? f.storedSpans / f.cpuSeconds : Number.NaN;
    const target = f.targetSpansPerSecond === undefined ? '-' : targetMark(`>= ${formatCount(f.targetSpansPerSecond)}`, r >= f.targetSpansPerSecond);
    return [
      f.label,
      String(f.connections),
      formatCount(r),
      target,
      formatCount(f.baselineSpansPerSecond),
      formatRatio(r / f.baselineSpansPerSecond),
      f.storedSpans > 0 ? ((f.cpuSeconds * 1e6) / f.storedSpans).toFixed(1) : '-',
      formatCount(perCpu),
      `${f.peakRssMiB.toFixed(0)}`,
      targetMark(`<= ${TARGETS.peakRssMiB}`, f.peakRssMiB <= TARGETS.peakRssMiB),
      `${f.load.ok}/${f.load.refused}/${f.load.failed}`,
      formatMillis(f.load.p99Millis),
      loadText(f),
    ];
  });
  return formatTable(
    ['load', 'conns', 'stored spans/s', 'target', 'parse spans/s', 'ratio', 'CPU µs/span', 'spans/CPU-s', 'peak RSS MiB', 'target', 'requests 2xx/refused/failed', 'request p99', 'load avg'],
    rows,
  );
}

/** The query latency table (Jaeger API, timed while the load ran). */
export function queryTable(figures: readonly ScenarioFigures[]): string {
  const rows = figures.map((f) => {
    const p = f.probe;
    const idP99 = percentile(p.byIdMillis, 99);
    const searchP99 = percentile(p.searchMillis, 99);
    const found = p.searchTraces.length === 0 ? '-' : (p.searchTraces.reduce((a, b) => a + b, 0) / p.searchTraces.length).toFixed(1);
    return [
      f.label,
      formatMillis(percentile(p.byIdMillis, 50)),
      formatMillis(idP99),
      targetMark(`<= ${TARGETS.byIdP99Millis} ms`, idP99 <= TARGETS.byIdP99Millis),
      `${p.byIdMillis.length}/${p.byIdMillis.length + p.byIdMissing}`,
      formatMillis(percentile(p.searchMillis, 50)),
      formatMillis(searchP99),
      targetMark(`<= ${TARGETS.searchP99Millis} ms`, searchP99 <= TARGETS.searchP99Millis),
      found,
      String(p.errors),
      formatMillis(percentile(p.healthMillis, 99)),
      formatMillis(Math.max(0, ...p.healthMillis)),
      targetMark(`<= ${TARGETS.healthMaxMillis} ms`, p.healthErrors === 0 && Math.max(0, ...p.healthMillis) <= TARGETS.healthMaxMillis),
      loadText(f),
    ];
  });
  return formatTable(
    ['load', 'by-id p50', 'by-id p99', 'target', 'found', 'search p50', 'search p99', 'target', 'traces/search', 'errors', 'healthz p99', 'healthz max', 'target', 'load avg'],
    rows,
  );
}
