import type { Logger } from 'pino';
import type { Tenancy } from '../../http/tenancy.js';
import type { Consumer } from '../../pipeline/component.js';
import type { StoreReader } from '../../store/store.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import type { SamplingRuleConfig } from './sampling/samplingRuleConfig.js';
import type { SigV4Credentials } from './sigv4/verifySigV4.js';

/** What the X-Ray API routes work with (registerXrayApi / createXrayApiServer). */
export interface XrayApiDeps {
  /**
   * Where PutTraceSegments hands the decoded documents (one batch per request, the consumer's to own); the answer
   * waits until `consume` resolves. Without one, PutTraceSegments answers 400.
   */
  next?: Consumer;
  /** The store the read routes answer from. Without one, they answer 400 InvalidRequestException saying so. */
  reader?: StoreReader;
  /**
   * With tenancy (docs/security.md, "Tenants"): every request, once its signature is checked, must name an allowed
   * tenant in the tenancy header (401 MissingAuthenticationTokenException, 403 AccessDeniedException); its segments
   * carry that tenant and its reads go to `tenantReader(tenant)` instead of `reader`.
   */
  tenancy?: Tenancy;
  tenantReader?: (tenant: string) => StoreReader | undefined;
  /** Rules of GetSamplingRules / SamplingTargets; X-Ray's Default rule is added (sampling/samplingRules.ts). */
  samplingRules?: readonly SamplingRuleConfig[];
  /** When set, every request must carry a SigV4 signature made with these keys; otherwise signatures are not checked. */
  auth?: SigV4Credentials;
  /** Undoing Content-Encoding stops past this many bytes (413). Default 100 MiB. */
  maxDecompressedBytes?: number;
  /** Spans (segments and subsegments) one PutTraceSegments call may hold; default 100,000 (413 above). */
  maxSpansPerRequest?: number;
  /** Counts of PutTraceSegments under this receiver id, transport `http`. */
  telemetry?: Telemetry;
  receiverId?: string;
  /** Server faults (500) are logged here, at most one line per 10 s. */
  logger?: Logger;
  /** Milliseconds since the epoch (tests pass a fixed clock). */
  now?: () => number;
}
