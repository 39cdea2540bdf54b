import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT } from '../../../test/support/paths.js';
import { startCli } from '../../../test/support/runCli.js';
import { startXrayApiWithStore, type XrayApiHarness } from '../../../test/xray/api/startXrayApiWithStore.js';

/**
 * The process environment without anything the AWS SDK's credential chain reads: no keys, profiles, role or container
 * variables, no shared files, no instance metadata service.
 */
function environmentWithoutCredentials(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return { ...env, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_CONFIG_FILE: join(dir, 'none'), AWS_EC2_METADATA_DISABLED: 'true' };
}

describe('spanbridge with an awsxray_poller and no AWS credentials', () => {
  let dir: string;
  let api: XrayApiHarness;
  let config: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spanbridge-poller-cli-'));
    // A local X-Ray API (Spanbridge's own, no authentication): the case where one forgets that the SDK still signs.
    api = await startXrayApiWithStore();
    config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `receivers:
  awsxray_poller:
    endpoint: ${api.url}
    checkpoint:
      sqlite:
        path: ${join(dir, 'poller.db')}
exporters:
  debug: {}
service:
  pipelines:
    traces:
      receivers: [awsxray_poller]
      exporters: [debug]
  telemetry:
    metrics:
      address: 127.0.0.1:0
`,
    );
  });
  after(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('exits 1 at start with an error naming the config keys and environment variables that fix it', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'main.js'), '--config', config], { cwd: dir, env: environmentWithoutCredentials(dir), encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, `${r.stdout}\n${r.stderr}`);
    const output = `${r.stdout}\n${r.stderr}`;
    assert.match(output, /receiver awsxray_poller: no AWS credentials \(Could not load credentials from any providers\)/);
    for (const fix of ['aws_access_key_id and aws_secret_access_key in the receiver config', 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE']) assert.ok(output.includes(fix), `names ${fix}`);
  });

  test('starts when the environment has keys', async () => {
    const cli = await startCli(['--config', config], { env: { ...environmentWithoutCredentials(dir), AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'any' } });
    assert.equal(await cli.stop(), 0);
  });
});
