import { PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray';
import type { XRayClientConfig } from '@aws-sdk/client-xray';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsXrayExporterConfig } from './config.js';

/** One UnprocessedTraceSegment of a PutTraceSegments answer. */
export interface UnprocessedSegment {
  Id?: string;
  ErrorCode?: string;
  Message?: string;
}

/** The one X-Ray call the exporter makes. */
export interface TraceSegmentsClient {
  /** PutTraceSegments; resolves with the documents X-Ray did not take, rejects with the SDK's error. */
  put(documents: string[], signal: AbortSignal): Promise<UnprocessedSegment[]>;
  destroy(): void;
}

/** Signing region when only an endpoint is configured (any region signs; the endpoint decides where calls go). */
export const DEFAULT_SIGNING_REGION = 'us-east-1';

/**
 * Credentials as the Collector's awsxrayexporter takes them: `role_arn` assumed through
 * STS (fromTemporaryCredentials), with the static keys, else the default chain, as the source; else the static keys;
 * else the SDK's default chain (fromNodeProviderChain: environment, shared files, SSO, web identity, ECS, EC2).
 */
function credentialsFor(config: AwsXrayExporterConfig): XRayClientConfig['credentials'] {
  const keys = config.aws_access_key_id !== undefined && config.aws_secret_access_key !== undefined ? { accessKeyId: config.aws_access_key_id, secretAccessKey: config.aws_secret_access_key } : undefined;
  const region = config.region ?? DEFAULT_SIGNING_REGION;
  if (config.role_arn !== undefined) {
    return fromTemporaryCredentials({ params: { RoleArn: config.role_arn, RoleSessionName: 'spanbridge-awsxray' }, masterCredentials: keys ?? fromNodeProviderChain(), clientConfig: { region } });
  }
  return keys ?? fromNodeProviderChain();
}

/**
 * The XRayClient of `@aws-sdk/client-xray` for the exporter's config. The SDK's own retries are off (`maxAttempts:
 * 1`): the queued exporter retries, with its backoff, only what was not delivered.
 */
export function createTraceSegmentsClient(config: AwsXrayExporterConfig): TraceSegmentsClient {
  const client = new XRayClient({
    region: config.region ?? DEFAULT_SIGNING_REGION,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    credentials: credentialsFor(config),
    maxAttempts: 1,
  });
  return {
    async put(documents, signal) {
      const out = await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: documents }), { abortSignal: signal });
      return out.UnprocessedTraceSegments ?? [];
    },
    destroy: () => client.destroy(),
  };
}
