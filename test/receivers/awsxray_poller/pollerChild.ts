// Test support: an awsxray_poller receiver in a process of its own, so a test can kill it mid-window (SIGKILL) and
// start it again. argv[2] is JSON `{ apiEndpoint, dbPath, sinkUrl }`. Batches go to `sinkUrl` as OTLP/HTTP protobuf,
// each POST awaited, so a batch counts as accepted only once the sink answered. Prints `ready` once started; exits 0
// after a clean shutdown on SIGTERM.
import { pino } from 'pino';
import { createTelemetry } from '../../../src/telemetry/telemetry.js';
import { postOtlpProto } from '../../../src/xray/cli/postOtlpProto.js';
import { withSchemaDefaults } from '../otlp/startTestReceiver.js';
import type { AwsXrayPollerConfig } from '../../../src/receivers/awsxray_poller/config.js';
import { awsxrayPollerFactory } from '../../../src/receivers/awsxray_poller/factory.js';

interface ChildArgs {
  apiEndpoint: string;
  dbPath: string;
  sinkUrl: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const logger = pino({ level: 'silent' });
const telemetry = createTelemetry();
const config = withSchemaDefaults<AwsXrayPollerConfig>(awsxrayPollerFactory.configSchema, {
  region: 'us-west-2',
  endpoint: args.apiEndpoint,
  aws_access_key_id: 'AKIDTEST',
  aws_secret_access_key: 'secret',
  polling_interval: '100ms',
  window: '5m',
  settle_delay: '0s',
  overlap: '30s',
  max_replay: '30m',
  backoff: { initial_interval: '1ms', max_interval: '20ms' },
  lease: { ttl: '1s' },
  checkpoint: { sqlite: { path: args.dbPath }, key: 'resume-test' },
});
const receiver = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller', logger, telemetry }, config, {
  consume: (batch) => postOtlpProto(args.sinkUrl, batch),
});
await receiver.start({ logger, telemetry });
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  receiver.shutdown().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
