// Where the backends are: a fixed list, or the A/AAAA records of a DNS name re-resolved on an interval (a Kubernetes
// headless service answers with the address of every ready pod).
import { Resolver } from 'node:dns/promises';
import { isIPv6 } from 'node:net';
import type { Logger } from 'pino';
import { parseDurationMillis } from '../../model/duration.js';
import { createRateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import type { LoadBalancingExporterConfig } from './config.js';

export interface BackendResolver {
  /** Resolves once (a failure leaves the list empty and is logged), then reports every change of the sorted list. */
  start(onChange: (endpoints: string[]) => void): Promise<void>;
  shutdown(): Promise<void>;
}

export interface ResolverOptions {
  logger: Logger;
  /** Counts each resolution. */
  onResolution?(outcome: 'success' | 'failure'): void;
  /** DNS servers to ask instead of the system's (`host:port`); for tests against a server on a loopback port. */
  dnsServers?: string[];
}

/** `host:port`, with the default port added when `hostname` has none. */
export function withPort(hostname: string, port: number): string {
  if (hostname.startsWith('[')) return hostname.includes(']:') ? hostname : `${hostname}:${port}`;
  return hostname.includes(':') ? hostname : `${hostname}:${port}`;
}

function addressWithPort(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Codes that mean "the name has no records of this type", as opposed to a failed lookup. */
const NO_RECORDS = new Set(['ENODATA', 'ENOTFOUND']);

export function createResolver(config: LoadBalancingExporterConfig['resolver'], port: number, options: ResolverOptions): BackendResolver {
  if (config.static) {
    const endpoints = [...new Set(config.static.hostnames.map((h) => withPort(h, port)))].sort();
    return {
      async start(onChange) {
        options.onResolution?.('success');
        onChange(endpoints);
      },
      async shutdown() {},
    };
  }
  const dns = config.dns;
  if (!dns) throw new Error('loadbalancing: resolver needs static or dns');
  const backendPort = dns.port ?? port;
  const intervalMillis = parseDurationMillis(dns.interval);
  const resolver = new Resolver({ timeout: parseDurationMillis(dns.timeout), tries: 1 });
  if (options.dnsServers) resolver.setServers(options.dnsServers);
  const failureLog = createRateLimitedLog(options.logger);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current = '';

  /** Both address families; undefined when a lookup failed (the previous list then stays). */
  async function lookup(): Promise<string[] | undefined> {
    const families = await Promise.allSettled([resolver.resolve4(dns!.hostname), resolver.resolve6(dns!.hostname)]);
    const addresses: string[] = [];
    let failure: unknown;
    for (const r of families) {
      if (r.status === 'fulfilled') addresses.push(...r.value);
      else if (!NO_RECORDS.has((r.reason as { code?: string }).code ?? '')) failure = r.reason;
    }
    if (failure !== undefined && addresses.length === 0) {
      failureLog.warn({ hostname: dns!.hostname, err: (failure as Error).message }, 'resolving the load-balancing backends failed; keeping the previous list');
      return undefined;
    }
    return [...new Set(addresses.map((a) => addressWithPort(a, backendPort)))].sort();
  }

  return {
    async start(onChange) {
      const run = async () => {
        const endpoints = await lookup();
        options.onResolution?.(endpoints ? 'success' : 'failure');
        if (endpoints && !stopped && endpoints.join(',') !== current) {
          current = endpoints.join(',');
          options.logger.info({ hostname: dns.hostname, backends: endpoints }, 'load-balancing backends changed');
          onChange(endpoints);
        }
      };
      const loop = () => {
        timer = setTimeout(() => {
          void run().finally(() => {
            if (!stopped) loop();
          });
        }, intervalMillis);
        timer.unref();
      };
      await run();
      loop();
    },
    async shutdown() {
      stopped = true;
      clearTimeout(timer);
      resolver.cancel();
    },
  };
}
