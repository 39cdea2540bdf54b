// Test support: the AWS CLI v2 as Debian installs it (never the `aws` on PATH, which may be another version), with
// dummy keys and no shared config, so nothing outside the test is read or called.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { TEST_KEYS } from './startXrayApiWithStore.js';

export const AWS_CLI = '/usr/bin/aws';

/** Why CLI tests cannot run, or undefined. With CI=true a missing CLI is a failure, not a skip: callers assert on it. */
export function awsCliUnavailable(): string | undefined {
  return existsSync(AWS_CLI) ? undefined : `${AWS_CLI} is not installed (apt-get install awscli)`;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `aws xray <args> --endpoint-url <url> --region us-east-1 --output json`, signed with TEST_KEYS. */
export function awsXray(url: string, args: string[]): Promise<CliResult> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: TEST_KEYS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretAccessKey,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile(AWS_CLI, ['xray', ...args, '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1;
      resolve({ code, stdout, stderr });
    });
  });
}
