import { formatDuration, formatRate } from './format.js';
import type { Nanos } from './time.js';

/** A service on the map; the counts sum the edges into it. */
export interface ServiceNode {
  readonly name: string;
  /** Sends no spans itself (database, queue, uninstrumented peer). */
  readonly virtual: boolean;
  readonly callsIn: number;
  readonly errorsIn: number;
  readonly faultsIn: number;
  readonly throttlesIn: number;
}

/** Calls parent -> child over the map's time window (errors 4xx, faults 5xx, throttles 429). */
export interface ServiceEdge {
  readonly parent: string;
  readonly child: string;
  readonly callCount: number;
  readonly errorCount: number;
  readonly faultCount: number;
  readonly throttleCount: number;
  readonly p50: Nanos;
  readonly p99: Nanos;
  readonly virtual: boolean;
}

export interface DependencyGraph {
  readonly nodes: readonly ServiceNode[];
  readonly edges: readonly ServiceEdge[];
}

export type Health = 'fault' | 'error' | 'throttle' | 'ok' | 'idle';

/** The worst outcome seen, in the order X-Ray's service map colours them: fault, error, throttle. */
export function healthOf(calls: number, errors: number, faults: number, throttles: number): Health {
  if (faults > 0) return 'fault';
  if (errors > 0) return 'error';
  if (throttles > 0) return 'throttle';
  return calls > 0 ? 'ok' : 'idle';
}

export function edgeHealth(e: ServiceEdge): Health {
  return healthOf(e.callCount, e.errorCount, e.faultCount, e.throttleCount);
}

export function nodeHealth(n: ServiceNode): Health {
  return healthOf(n.callsIn, n.errorsIn, n.faultsIn, n.throttlesIn);
}

/** An edge's traffic over the window: `2/h · p50 35.7ms · p99 60.1ms`. */
export function edgeTraffic(e: ServiceEdge, windowSeconds: number): string {
  return `${formatRate(e.callCount / windowSeconds)} · p50 ${formatDuration(e.p50)} · p99 ${formatDuration(e.p99)}`;
}

/** An edge's failed calls by kind: `1 err · 2 fault`; empty when every call succeeded. */
export function edgeProblems(e: ServiceEdge): string {
  const parts: string[] = [];
  if (e.errorCount > 0) parts.push(`${e.errorCount} err`);
  if (e.throttleCount > 0) parts.push(`${e.throttleCount} throttled`);
  if (e.faultCount > 0) parts.push(`${e.faultCount} fault`);
  return parts.join(' · ');
}
