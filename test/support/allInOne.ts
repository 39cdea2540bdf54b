// The all-in-one default (src/app/defaultConfig.ts) run through the real CLI, on free ports and a temporary store, for
// tests that exercise the product as `spanbridge` without --config runs it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/app/defaultConfig.js';
import { startCli, type CliProcess } from './runCli.js';

export interface AllInOneOptions {
  /** Folder of the SQLite store (reused across restarts); a new temporary folder by default. */
  dataDir?: string;
  /** Changes to the parsed default configuration, e.g. `(c) => c.setIn(['receivers', 'zipkin', 'cors'], {...})`. */
  edit?: (config: ReturnType<typeof parseDocument>) => void;
  env?: NodeJS.ProcessEnv;
}

export interface AllInOne {
  readonly cli: CliProcess;
  readonly dataDir: string;
  /** `http://host:port` of the Zipkin receiver (and the Zipkin query API). */
  readonly zipkin: string;
  /** `http://host:port` of OTLP/HTTP. */
  readonly otlpHttp: string;
  /** `host:port` of OTLP/gRPC. */
  readonly otlpGrpc: string;
  /** `host:port` of the X-Ray daemon protocol (UDP). */
  readonly xrayUdp: string;
  /** `http://host:port` of the X-Ray API. */
  readonly xrayApi: string;
  /** The jaeger receiver: `http://host:port` of Thrift over HTTP, `host:port` of gRPC and of the agent's UDP ports. */
  readonly jaeger: { thriftHttp: string; grpc: string; udpCompact: string; udpBinary: string };
  /** `http://host:port` of the query server (native, Jaeger APIs and the UI). */
  readonly query: string;
  /** `http://host:port` of /metrics, /healthz, /readyz. */
  readonly telemetry: string;
  stop(): Promise<number | null>;
}

/** Every `localhost:<port>` of the default becomes `127.0.0.1:0`; the store goes to `dataDir`. */
export function allInOneConfig(dataDir: string, edit?: AllInOneOptions['edit']): string {
  const doc = parseDocument(DEFAULT_CONFIG.replace(/localhost:\d+/g, '127.0.0.1:0'));
  doc.setIn(['storage', 'sqlite', 'path'], join(dataDir, 'spanbridge.db'));
  edit?.(doc);
  return doc.toString();
}

/** Starts `dist/main.js --config <the all-in-one default on free ports>` and resolves once it listens. */
export async function startAllInOne(options: AllInOneOptions = {}): Promise<AllInOne> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'spanbridge-allinone-'));
  const file = join(dataDir, 'config.yaml');
  writeFileSync(file, allInOneConfig(dataDir, options.edit));
  const cli = await startCli(['--config', file], options.env === undefined ? {} : { env: options.env });
  const r = cli.receivers;
  const need = (v: string | undefined, what: string): string => {
    if (v === undefined || v === '') throw new Error(`the all-in-one did not report ${what}`);
    return v;
  };
  return {
    cli,
    dataDir,
    zipkin: `http://${need(r.zipkin?.http, 'the zipkin address')}`,
    otlpHttp: `http://${need(r.otlp?.http, 'the OTLP/HTTP address')}`,
    otlpGrpc: need(r.otlp?.grpc, 'the OTLP/gRPC address'),
    xrayUdp: need(r.awsxray?.udp, 'the X-Ray UDP address'),
    xrayApi: `http://${need(r.awsxray?.http, 'the X-Ray API address')}`,
    jaeger: {
      thriftHttp: `http://${need(r.jaeger?.thrift_http, 'the Jaeger Thrift HTTP address')}`,
      grpc: need(r.jaeger?.grpc, 'the Jaeger gRPC address'),
      udpCompact: need(r.jaeger?.thrift_compact, 'the Jaeger compact UDP address'),
      udpBinary: need(r.jaeger?.thrift_binary, 'the Jaeger binary UDP address'),
    },
    query: `http://${need(cli.queryAddress, 'the query address')}`,
    telemetry: `http://${need(cli.telemetryAddress, 'the telemetry address')}`,
    stop: () => cli.stop(),
  };
}
