import { createHash } from 'node:crypto';

/** What a poller reads: the same source gives the same traces, so replicas of it share one checkpoint and lease. */
export interface PollerSource {
  /** The region the client resolved (the configured one, the SDK default chain's, or `us-east-1` with an endpoint). */
  region: string;
  /** The X-Ray API URL; undefined for the region's own endpoint. */
  endpoint: string | undefined;
  /** '' for none. */
  filterExpression: string;
}

/**
 * The state-store key of a poller (its checkpoint and its lease): the group (`checkpoint.key`, else the receiver id)
 * and the source it reads, `<group>|<region>|<endpoint or default>|<all or filter-<digest>>`. So pollers of different
 * regions, endpoints or filters can share one database (SQLite file or Redis) without sharing a checkpoint or taking
 * turns on one lease, while replicas of one poller compute the same key. The filter enters as the first 16 hex digits
 * of its SHA-256: it may hold any character and up to 2000 of them. Earlier versions keyed by the group alone
 * (legacyCheckpoint.ts).
 */
export function pollerStateKey(group: string, source: PollerSource): string {
  const endpoint = source.endpoint === undefined || source.endpoint === '' ? 'default' : source.endpoint.replace(/\/+$/, '');
  const filter = source.filterExpression === '' ? 'all' : `filter-${createHash('sha256').update(source.filterExpression).digest('hex').slice(0, 16)}`;
  return `${group}|${source.region}|${endpoint}|${filter}`;
}
