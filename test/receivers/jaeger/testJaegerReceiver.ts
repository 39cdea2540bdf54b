// Test support: a jaeger receiver with every protocol (and, when asked, remote sampling) on 127.0.0.1 port 0, its
// config defaulted by the factory's schema, and helpers to send to it.
import { createSocket } from 'node:dgram';
import { Ajv } from 'ajv';
import { pino } from 'pino';
import type { Consumer, Host } from '../../../src/pipeline/component.js';
import type { JaegerReceiverConfig } from '../../../src/receivers/jaeger/config.js';
import { jaegerReceiverFactory } from '../../../src/receivers/jaeger/factory.js';
import { createJaegerReceiver } from '../../../src/receivers/jaeger/jaegerReceiver.js';
import { createTelemetry, type Telemetry } from '../../../src/telemetry/telemetry.js';

export interface TestJaegerReceiver {
  /** `host:port` by listener: grpc, thrift_http, thrift_compact, thrift_binary, remote_sampling. */
  endpoints: Record<string, string>;
  telemetry: Telemetry;
  /** A counter's value for the given label text, e.g. `transport="udp_binary"`, or 0. */
  metric(name: string, ...labels: string[]): Promise<number>;
  close(): Promise<void>;
}

export function jaegerTestConfig(yamlLike: Record<string, unknown>): JaegerReceiverConfig {
  const config = structuredClone(yamlLike);
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(jaegerReceiverFactory.configSchema);
  if (!validate(config)) throw new Error(`invalid test config: ${JSON.stringify(validate.errors)}`);
  return config as JaegerReceiverConfig;
}

/** A fresh object each time: ajv fills defaults in place, and the protocols have different keys. */
const local = () => ({ endpoint: '127.0.0.1:0' });

/** `host` adds to what the receiver is started with (tenancy, authenticators). */
export async function startTestJaegerReceiver(next: Consumer, overrides: Record<string, unknown> = {}, host: Omit<Partial<Host>, 'logger' | 'telemetry'> = {}): Promise<TestJaegerReceiver> {
  const telemetry = createTelemetry();
  const logger = pino({ level: 'silent' });
  const config = jaegerTestConfig({ protocols: { grpc: local(), thrift_http: local(), thrift_compact: local(), thrift_binary: local() }, ...overrides });
  const receiver = createJaegerReceiver({ id: 'jaeger', logger, telemetry }, config, next);
  await receiver.start({ ...host, logger, telemetry });
  return {
    endpoints: receiver.endpoints?.() ?? {},
    telemetry,
    async metric(name, ...labels) {
      const line = (await telemetry.registry.metrics()).split('\n').find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
      return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
    },
    close: () => receiver.shutdown(),
  };
}

/** Sends one datagram to `host:port` and resolves once it left. */
export async function sendDatagram(endpoint: string, datagram: Uint8Array): Promise<void> {
  const i = endpoint.lastIndexOf(':');
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => socket.send(datagram, Number(endpoint.slice(i + 1)), endpoint.slice(0, i), (e) => (e ? reject(e) : resolve())));
  } finally {
    socket.close();
  }
}

/** Polls until `predicate` holds (UDP has no answer to wait for); fails after a generous bound. */
export async function eventually(predicate: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}
