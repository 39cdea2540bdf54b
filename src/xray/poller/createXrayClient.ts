import { XRayClient } from '@aws-sdk/client-xray';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

export interface XrayClientOptions {
  /** AWS region; undefined lets the SDK's default chain decide (AWS_REGION, profile). */
  region?: string;
  /** Endpoint URL instead of the region's (a Spanbridge `awsxray` receiver API, LocalStack, a VPC endpoint). */
  endpoint?: string;
  /** Static credentials; both or neither. */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** A role assumed through STS with the static credentials, or else the default chain's. */
  roleArn?: string;
  /** STS endpoint URL for `roleArn` (default: the region's). */
  stsEndpoint?: string;
  /** SDK attempts per call; the poller retries itself and passes 1, so its backoff is the only one. Default 3. */
  maxAttempts?: number;
  /** Per-request socket timeout. Default 30,000 ms. */
  requestTimeoutMillis?: number;
}

/**
 * An X-Ray client from receiver/CLI settings: static keys, `role_arn` via STS `AssumeRole` (session name
 * `spanbridge-xray`, as dtPaTh's X-Ray connector names its `XRayConnectorRoleSession`), or the SDK default chain.
 */
export function createXrayClient(o: XrayClientOptions): XRayClient {
  const staticKeys = o.accessKeyId && o.secretAccessKey ? { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, ...(o.sessionToken ? { sessionToken: o.sessionToken } : {}) } : undefined;
  const credentials = o.roleArn
    ? fromTemporaryCredentials({
        params: { RoleArn: o.roleArn, RoleSessionName: 'spanbridge-xray' },
        ...(staticKeys ? { masterCredentials: staticKeys } : {}),
        clientConfig: { ...(o.region ? { region: o.region } : {}), ...(o.stsEndpoint ? { endpoint: o.stsEndpoint } : {}) },
      })
    : staticKeys;
  return new XRayClient({
    ...(o.region ? { region: o.region } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: o.maxAttempts ?? 3,
    requestHandler: { requestTimeout: o.requestTimeoutMillis ?? 30_000, connectionTimeout: 10_000 },
  });
}
