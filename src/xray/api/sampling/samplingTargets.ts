import { listMember, objectEntry, requiredEpochSeconds } from '../requestMembers.js';
import type { JsonObject } from '../requestMembers.js';
import { invalidRequest } from '../xrayApiError.js';
import type { SamplingRuleConfig } from './samplingRuleConfig.js';

/** Seconds between a client's reports that X-Ray asks for (SamplingTargetDocument.Interval). */
export const TARGET_INTERVAL_SECONDS = 10;
/** X-Ray's limit on SamplingStatisticsDocuments per call. */
export const MAX_STATISTICS_DOCUMENTS = 25;
/** Clients remembered per rule (bounded, as any cache fed by traffic); the least recently seen are forgotten. */
const MAX_CLIENTS_PER_RULE = 1000;

export interface SamplingTargets {
  /** GetSamplingTargets (POST /SamplingTargets) for one request body. */
  answer(body: JsonObject): Record<string, unknown>;
}

/**
 * Reservoir quotas for GetSamplingTargets: each rule's `reservoir_size` (requests per second) is shared among the
 * clients (ClientID) that reported on the rule within the last two intervals, evenly, the remainder going to the
 * first clients in id order. Unknown rule names come back in UnprocessedStatistics (ErrorCode 400), as X-Ray does.
 */
export function createSamplingTargets(rules: readonly SamplingRuleConfig[], lastModifiedSeconds: number, now: () => number): SamplingTargets {
  const byName = new Map(rules.map((r) => [r.rule_name, r]));
  const seen = new Map<string, Map<string, number>>();

  function quota(rule: SamplingRuleConfig, clientId: string, nowSeconds: number): number {
    const clients = seen.get(rule.rule_name) ?? new Map<string, number>();
    seen.set(rule.rule_name, clients);
    clients.delete(clientId);
    clients.set(clientId, nowSeconds);
    for (const [id, at] of clients) {
      if (clients.size <= MAX_CLIENTS_PER_RULE && at >= nowSeconds - 2 * TARGET_INTERVAL_SECONDS) break;
      clients.delete(id);
    }
    const active = [...clients.keys()].sort();
    const share = Math.floor(rule.reservoir_size / active.length);
    return share + (active.indexOf(clientId) < rule.reservoir_size % active.length ? 1 : 0);
  }

  return {
    answer(body) {
      const docs = listMember(body, 'SamplingStatisticsDocuments', 1, MAX_STATISTICS_DOCUMENTS, objectEntry);
      const nowSeconds = now() / 1000;
      const targets: Record<string, unknown>[] = [];
      const unprocessed: Record<string, unknown>[] = [];
      docs.forEach((doc, i) => {
        const where = `SamplingStatisticsDocuments[${i}]`;
        const name = doc.RuleName;
        const client = doc.ClientID;
        if (typeof name !== 'string' || name === '') throw invalidRequest(`${where}.RuleName: required`);
        if (typeof client !== 'string' || client === '') throw invalidRequest(`${where}.ClientID: required`);
        requiredEpochSeconds(doc, 'Timestamp', `${where}.Timestamp`);
        for (const k of ['RequestCount', 'SampledCount'] as const) {
          if (!Number.isInteger(doc[k]) || (doc[k] as number) < 0) throw invalidRequest(`${where}.${k}: required, a count`);
        }
        const rule = byName.get(name);
        if (rule === undefined) {
          unprocessed.push({ RuleName: name, ErrorCode: '400', Message: `unknown sampling rule ${JSON.stringify(name)}` });
          return;
        }
        targets.push({
          RuleName: name,
          FixedRate: rule.fixed_rate,
          ReservoirQuota: quota(rule, client, nowSeconds),
          ReservoirQuotaTTL: Math.floor(nowSeconds) + TARGET_INTERVAL_SECONDS,
          Interval: TARGET_INTERVAL_SECONDS,
        });
      });
      return { SamplingTargetDocuments: targets, LastRuleModification: lastModifiedSeconds, UnprocessedStatistics: unprocessed };
    },
  };
}
