// What every receiver's batches pass before the first processor when tenancy is on (docs/security.md, "Tenants"): a
// batch must carry its tenant (a receiver that forgot to stamp one is a wiring bug, refused rather than stored
// nowhere), and each tenant's spans go through a token bucket of its own, so one tenant's flood is refused with 429
// and Retry-After while the others are still served.
import { PipelineError } from '../errors.js';
import type { Tenancy } from '../http/tenancy.js';
import { countSpans } from '../model/batch.js';
import type { Consumer } from './component.js';

interface Bucket {
  tokens: number;
  atMillis: number;
}

/**
 * A wrapper for the consumers receivers hand batches to. The bucket holds at most `burst` spans and refills at
 * `spansPerSecond`; a batch is admitted while the bucket holds as many spans as it has (or is full, so a batch larger
 * than the burst still passes once, leaving the bucket in debt), otherwise refused with the time until it would be.
 */
export function createTenantAdmission(tenancy: Tenancy, now: () => number = Date.now): (next: Consumer, receiverId: string) => Consumer {
  const limit = tenancy.rateLimit;
  const buckets = new Map<string, Bucket>(tenancy.tenants.map((t) => [t, { tokens: limit?.burst ?? 0, atMillis: now() }]));

  function admit(tenant: string, spans: number): void {
    if (limit === undefined) return;
    const bucket = buckets.get(tenant);
    if (bucket === undefined) throw new PipelineError('SB_TENANT_UNKNOWN', 'the tenant is not allowed');
    const t = now();
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.atMillis) / 1000) * limit.spansPerSecond);
    bucket.atMillis = t;
    const needed = Math.min(spans, limit.burst);
    if (bucket.tokens >= needed) {
      bucket.tokens -= spans;
      return;
    }
    const waitMillis = Math.ceil(((needed - bucket.tokens) / limit.spansPerSecond) * 1000);
    throw new PipelineError('SB_TENANT_RATE_LIMITED', `tenant ${tenant} is over its rate limit of ${limit.spansPerSecond} spans/s (burst ${limit.burst}); send again later`, { retryAfterMillis: waitMillis });
  }

  return (next, receiverId) => ({
    consume(batch) {
      if (batch.tenant === undefined) {
        return Promise.reject(new PipelineError('SB_TENANT_MISSING', `receiver ${receiverId} handed on a batch without a tenant while tenancy is on`));
      }
      try {
        admit(batch.tenant, countSpans(batch));
      } catch (e) {
        return Promise.reject(e);
      }
      return next.consume(batch);
    },
  });
}
