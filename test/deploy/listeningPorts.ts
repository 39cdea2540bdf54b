import { factories } from '../../src/components.js';
import { parseEndpoint } from '../../src/config/endpoint.js';
import { componentType, type ServiceConfig } from '../../src/config/loadConfig.js';

export interface ListeningPort {
  port: number;
  protocol: 'TCP' | 'UDP';
  /** The bind host ('0.0.0.0' for an empty one, as parseEndpoint reads it). */
  host: string;
  /** Where the endpoint is configured, like `receivers.otlp.protocols.grpc.endpoint`. */
  source: string;
}

type Obj = Record<string, unknown>;

/**
 * Every socket a validated configuration listens on (docs/ports.md), sorted by port then protocol: what a Dockerfile
 * EXPOSEs and a Service forwards. A receiver type whose listeners this does not know throws, so a new receiver makes
 * the deployment tests fail until its ports are added here.
 */
export function listeningPorts(config: ServiceConfig): ListeningPort[] {
  const out: ListeningPort[] = [];
  const add = (endpoint: unknown, protocol: 'TCP' | 'UDP', source: string) => {
    if (typeof endpoint !== 'string') throw new Error(`${source}: no endpoint (listeningPorts needs it spelled out)`);
    const { host, port } = parseEndpoint(endpoint);
    out.push({ port, protocol, host, source });
  };
  // Only receivers a pipeline lists are built (src/pipeline/buildService.ts).
  const used = new Set(Object.values(config.service.pipelines).flatMap((p) => p.receivers));
  for (const [id, raw] of Object.entries(config.receivers)) {
    if (!used.has(id)) continue;
    const cfg = raw as Obj;
    const at = `receivers.${id}`;
    switch (componentType(id)) {
      case 'zipkin':
        add(cfg.endpoint, 'TCP', `${at}.endpoint`);
        break;
      case 'otlp': {
        const protocols = cfg.protocols as Obj;
        for (const p of ['grpc', 'http']) {
          // `grpc:` with no value turns the protocol on with its defaults.
          if (p in protocols) add((protocols[p] as Obj | null)?.endpoint ?? otlpDefaultEndpoint(p), 'TCP', `${at}.protocols.${p}.endpoint`);
        }
        break;
      }
      case 'awsxray': {
        add(cfg.endpoint, 'UDP', `${at}.endpoint`);
        const api = cfg.api as Obj | undefined;
        if (api?.enabled !== false) add(api?.endpoint, 'TCP', `${at}.api.endpoint`);
        break;
      }
      case 'jaeger': {
        const protocols = cfg.protocols as Obj;
        for (const [p, protocol] of [['grpc', 'TCP'], ['thrift_http', 'TCP'], ['thrift_compact', 'UDP'], ['thrift_binary', 'UDP']] as const) {
          if (p in protocols) add((protocols[p] as Obj | null)?.endpoint ?? schemaDefault('receiver:jaeger', ['protocols', p, 'endpoint']), protocol, `${at}.protocols.${p}.endpoint`);
        }
        const sampling = cfg.remote_sampling as Obj | undefined;
        if (sampling) add(sampling.endpoint, 'TCP', `${at}.remote_sampling.endpoint`);
        break;
      }
      case 'awsxray_poller': {
        const admin = cfg.admin as Obj | undefined;
        if (admin) add(admin.endpoint, 'TCP', `${at}.admin.endpoint`);
        break;
      }
      default:
        throw new Error(`${at}: listeningPorts does not know the listeners of receiver type "${componentType(id)}"`);
    }
  }
  const query = config.sections.query as Obj | undefined;
  if (query) add(query.endpoint, 'TCP', 'query.endpoint');
  add(config.service.telemetry.metrics.address, 'TCP', 'service.telemetry.metrics.address');
  return out.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** The default endpoint of an OTLP protocol, read from the receiver's schema. */
function otlpDefaultEndpoint(protocol: string): unknown {
  return schemaDefault('receiver:otlp', ['protocols', protocol, 'endpoint']);
}

/** The default of a nested key, read from a factory's schema (`properties` at each level). */
function schemaDefault(factory: string, path: string[]): unknown {
  let v: unknown = factories.get(factory)?.configSchema;
  for (const key of path) v = ((v as Obj | undefined)?.properties as Obj | undefined)?.[key];
  return (v as Obj | undefined)?.default;
}
