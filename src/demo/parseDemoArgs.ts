import { parseArgs } from 'node:util';
import { parseDurationMillis } from '../model/duration.js';
import type { MeshFlavor } from './demoMeshOptions.js';

export const DEMO_HELP = `Usage: spanbridge demo [--target URL] [options]

Runs Bookinfo on loopback with Istio-style (or FSM-style) sidecars and OpenTelemetry-instrumented apps, and drives it
with a load generator. Sidecar spans go to a running Spanbridge's Zipkin receiver, app spans to its OTLP receiver.

Options:
  --target URL        the Spanbridge host (default http://localhost): Zipkin at :9411, OTLP/HTTP at :4318
  --zipkin-url URL    where sidecars POST Zipkin v2 JSON (default <target>:9411/api/v2/spans)
  --otlp-url URL      where apps export OTLP/HTTP protobuf (default <target>:4318/v1/traces)
  --mesh istio|fsm    sidecar flavour (default istio)
  --rate N            requests per second to productpage (default 5)
  --duration D        how long to run, e.g. 30s or 5m (default: until Ctrl-C)
  --error-rate F      fraction 0..1 of ratings calls answered with 500 (default 0)
  --delay D           extra latency of reviews v3, e.g. 200ms (default 0)
  --sampling P        percentage of traces the sidecars sample (default 100)
  -h, --help          show this help
`;

export interface DemoArgs {
  zipkinUrl: string;
  otlpUrl: string;
  mesh: MeshFlavor;
  rate: number;
  durationMillis: number | undefined;
  errorRate: number;
  delayMillis: number;
  sampling: number;
}

export type ParsedDemoArgs = { help: true } | { help: false; args: DemoArgs } | { error: string };

function number(flag: string, text: string | undefined, fallback: number, min: number, max: number, minExclusive = false): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max || (minExclusive && n === min)) {
    throw new Error(`--${flag}: "${text}" is not a number ${minExclusive ? 'above' : 'from'} ${min}${max === Infinity ? '' : ` to ${max}`}`);
  }
  return n;
}

function duration(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseDurationMillis(text);
  } catch (e) {
    throw new Error(`--${flag}: ${(e as Error).message}`);
  }
}

/** `<target's scheme and host>:<port><path>`; the target's own port and path are not used. */
function atPort(target: string, port: number, path: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`--target: "${target}" is not a URL (e.g. http://localhost)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--target: "${target}" is not an http(s) URL`);
  // WHATWG URL keeps an IPv6 hostname in brackets, so it can be put back as it is.
  return `${url.protocol}//${url.hostname}:${port}${path}`;
}

function httpUrl(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--${flag}: "${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--${flag}: "${text}" is not an http(s) URL`);
  return text;
}

/** Parses `spanbridge demo` arguments (a leading `demo` word is skipped); problems come back as one message. */
export function parseDemoArgs(argv: readonly string[]): ParsedDemoArgs {
  const args = argv[0] === 'demo' ? argv.slice(1) : [...argv];
  try {
    const { values } = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        target: { type: 'string' },
        'zipkin-url': { type: 'string' },
        'otlp-url': { type: 'string' },
        mesh: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        'error-rate': { type: 'string' },
        delay: { type: 'string' },
        sampling: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { help: true };
    const mesh = values.mesh ?? 'istio';
    if (mesh !== 'istio' && mesh !== 'fsm') throw new Error(`--mesh: "${mesh}" is not istio or fsm`);
    const target = values.target ?? 'http://localhost';
    return {
      help: false,
      args: {
        zipkinUrl: httpUrl('zipkin-url', values['zipkin-url']) ?? atPort(target, 9411, '/api/v2/spans'),
        otlpUrl: httpUrl('otlp-url', values['otlp-url']) ?? atPort(target, 4318, '/v1/traces'),
        mesh,
        rate: number('rate', values.rate, 5, 0, 10_000, true),
        durationMillis: duration('duration', values.duration),
        errorRate: number('error-rate', values['error-rate'], 0, 0, 1),
        delayMillis: duration('delay', values.delay) ?? 0,
        sampling: number('sampling', values.sampling, 100, 0, 100),
      },
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
