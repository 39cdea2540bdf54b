import { parseArgs } from 'node:util';
import { PutTraceSegmentsCommand } from '@aws-sdk/client-xray';
import { xrayTraceIdToOtel } from '../../codecs/xray/traceIds.js';
import { xrayTracesToBatch } from '../../codecs/xray/xrayDocumentToBatch.js';
import { countSpans } from '../../model/batch.js';
import { describeXrayError } from '../classifyXrayError.js';
import { createXrayClient } from '../poller/createXrayClient.js';
import { otlpTracesUrl, postOtlpProto } from './postOtlpProto.js';
import { sampleTrace } from './sampleTrace.js';

export interface XrayCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

export const XRAY_HELP = `Usage:
  spanbridge xray send-sample --endpoint URL [--header K=V]...
      Sends a sample X-Ray trace (AWS Scorekeep), translated to OpenTelemetry, as OTLP/HTTP protobuf to URL
      (/v1/traces is appended unless URL ends with it).
  spanbridge xray generate-sample [--endpoint URL] [--region R]
      Sends the sample trace's segment documents to the X-Ray API with PutTraceSegments. URL defaults to
      AWS_ENDPOINT_URL_XRAY or AWS_ENDPOINT_URL, else the region's X-Ray endpoint; R to AWS_REGION or
      AWS_DEFAULT_REGION, else us-east-1. Credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN],
      else the AWS SDK's default chain.
`;

/**
 * `spanbridge xray <command>` (what TestSendSampleTrace and TestGenerateSampleTrace of dtPaTh/AWS.XRayExporter's
 * connector do). `argv` is what follows `xray`. Resolves with the exit code: 0 done, 1 the send failed,
 * 2 bad usage.
 */
export async function runXrayCommand(argv: string[], io: XrayCommandIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(XRAY_HELP);
    return command === undefined ? 2 : 0;
  }
  let values: { endpoint?: string; region?: string; header?: string[]; help?: boolean };
  try {
    values = parseArgs({
      args: rest,
      options: { endpoint: { type: 'string' }, region: { type: 'string' }, header: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (err) {
    io.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${XRAY_HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(XRAY_HELP);
    return 0;
  }
  if (command === 'send-sample') return sendSample(values, io);
  if (command === 'generate-sample') return generateSample(values, io);
  io.stderr.write(`unknown xray command "${command}"\n\n${XRAY_HELP}`);
  return 2;
}

async function sendSample(values: { endpoint?: string; header?: string[] }, io: XrayCommandIo): Promise<number> {
  if (!values.endpoint || !/^https?:\/\//.test(values.endpoint)) {
    io.stderr.write(`send-sample needs --endpoint http(s)://host:port\n\n${XRAY_HELP}`);
    return 2;
  }
  const headers: Record<string, string> = {};
  for (const h of values.header ?? []) {
    const i = h.indexOf('=');
    if (i <= 0) {
      io.stderr.write(`--header "${h}": expected NAME=VALUE\n`);
      return 2;
    }
    headers[h.slice(0, i).trim()] = h.slice(i + 1);
  }
  const sample = sampleTrace(Date.now());
  const { batch, problems } = xrayTracesToBatch({ Traces: [{ Id: sample.traceId, Segments: sample.documents.map((d) => ({ Id: d.id, Document: JSON.stringify(d) })) }] });
  if (problems.length > 0) {
    io.stderr.write(`the sample trace did not translate: ${problems.join('; ')}\n`);
    return 1;
  }
  const spans = countSpans(batch);
  const url = otlpTracesUrl(values.endpoint);
  try {
    await postOtlpProto(url, batch, headers);
  } catch (err) {
    io.stderr.write(`send-sample failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  io.stdout.write(`sent X-Ray trace ${sample.traceId} (${spans} spans, OpenTelemetry trace id ${xrayTraceIdToOtel(sample.traceId)}) to ${url}\n`);
  return 0;
}

async function generateSample(values: { endpoint?: string; region?: string }, io: XrayCommandIo): Promise<number> {
  const env = io.env;
  const endpoint = values.endpoint ?? env.AWS_ENDPOINT_URL_XRAY ?? env.AWS_ENDPOINT_URL;
  if (endpoint !== undefined && !/^https?:\/\//.test(endpoint)) {
    io.stderr.write(`--endpoint "${endpoint}": expected an http(s) URL\n`);
    return 2;
  }
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const client = createXrayClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } : {}),
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  });
  const sample = sampleTrace(Date.now());
  try {
    const out = await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: sample.sentDocuments.map((d) => JSON.stringify(d)) }));
    const unprocessed = out.UnprocessedTraceSegments ?? [];
    if (unprocessed.length > 0) {
      io.stderr.write(`X-Ray did not process ${unprocessed.length} of ${sample.sentDocuments.length} documents: ${unprocessed.map((u) => `${u.Id ?? '?'} ${u.ErrorCode ?? ''} ${u.Message ?? ''}`.trim()).join('; ')}\n`);
      return 1;
    }
  } catch (err) {
    io.stderr.write(`generate-sample failed: ${describeXrayError(err)}\n`);
    return 1;
  } finally {
    client.destroy();
  }
  io.stdout.write(`put X-Ray trace ${sample.traceId} (${sample.sentDocuments.length} segment documents) to ${endpoint ?? `the X-Ray endpoint of ${region}`}\n`);
  return 0;
}
