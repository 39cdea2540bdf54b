import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ComponentKind, ConfigSchema } from '../config/loadConfig.js';
import type { HttpAuthenticator } from '../http/authentication.js';
import type { Tenancy } from '../http/tenancy.js';
import type { TraceBatch } from '../model/span.js';
import type { StoreReader, TraceStore } from '../store/store.js';
import type { Telemetry } from '../telemetry/telemetry.js';

/**
 * Receives batches. `consume` resolves once the batch is durable or handed to a queue (the receiver may then
 * acknowledge), and rejects with a PipelineError otherwise. The batch belongs to the callee from the call on.
 */
export interface Consumer {
  consume(batch: TraceBatch): Promise<void>;
}

export interface Component {
  start(host: Host): Promise<void>;
  /** Stops accepting work and flushes what is held; resolves when done. */
  shutdown(): Promise<void>;
}

export interface Receiver extends Component {
  /** The addresses it listens on once started, by transport (`http`, `grpc`, `udp`), e.g. `127.0.0.1:43117`. */
  endpoints?(): Record<string, string>;
}
export interface Processor extends Component, Consumer {}
export interface Exporter extends Component, Consumer {}

/** What the running service offers components at start. */
export interface Host {
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  /**
   * The trace store of the `storage` section, when the service has one and tenancy is off (the `store` exporter writes
   * it).
   */
  readonly store?: TraceStore;
  /**
   * Where read routes on a receiver's port (the X-Ray API's) read `store`: the store itself, or, when the query thread
   * reads its database file, a reader whose calls run there (src/query/remoteReader.ts).
   */
  readonly reader?: StoreReader;
  /**
   * With tenancy on: the allowed tenants and the header naming them; listeners refuse requests without an allowed
   * tenant (src/http/tenancy.ts) and stamp the tenant on the batches they hand on.
   */
  readonly tenancy?: Tenancy;
  /** With tenancy on and a `storage` section: each tenant's own store (one store per tenant; docs/security.md, "Tenants"). */
  readonly tenantStore?: (tenant: string) => TraceStore | undefined;
  /** With tenancy on: where read routes on a receiver's port read a tenant's store (as `reader` is for `store`). */
  readonly tenantReader?: (tenant: string) => StoreReader | undefined;
  /**
   * Routes other parts mount on a receiver's own HTTP server before it listens, by receiver type (the Zipkin v2 query
   * API lives on the Zipkin receiver's port, as in Zipkin itself).
   */
  readonly extraRoutes?: (receiverType: string) => ((app: FastifyInstance) => void | Promise<void>) | undefined;
  /**
   * The authenticator extension with this id, for a listener's `auth.authenticator` (as the Collector's host hands out
   * extensions). Configuration loading has checked that it exists and runs; resolveAuthenticator asks for it.
   */
  readonly authenticator?: (id: string) => HttpAuthenticator | undefined;
  /**
   * The storage extension with this id, for an exporter's `sending_queue.storage` (the Collector's storage extensions).
   * Configuration loading has checked that it exists and runs.
   */
  readonly storage?: (id: string) => StorageExtension | undefined;
}

/** What a storage extension (`file_storage`) offers components: a folder of their own and how to sync it. */
export interface StorageExtension {
  /** A folder for this component alone (created), named after its kind and id, as the Collector's file_storage does. */
  directoryFor(kind: ComponentKind, componentId: string): Promise<string>;
  /** Whether writes must be synced to the disk before they count as done (`fsync`). */
  readonly fsync: boolean;
}

export interface ComponentSettings {
  /** The component id, `type[/name]`. */
  readonly id: string;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
}

// Config loading owns these; factories name them with the rest of the component types.
export type { ComponentKind, ConfigSchema };

interface FactoryBase {
  readonly type: string;
  readonly configSchema: ConfigSchema;
  /** One line for docs and `--help`. */
  readonly description: string;
  /** Checks a schema-valid config for what a schema cannot say (relations between keys); problems as `path.key: ...`. */
  readonly validateConfig?: (path: string, config: never) => string[];
}

/** An extension: started before every pipeline component and the servers, stopped after them. */
export interface Extension {
  start(): Promise<void>;
  shutdown(): Promise<void>;
  /** What an authenticator extension offers listeners (present when its factory is a `serverAuthenticator`). */
  readonly authenticator?: HttpAuthenticator;
  /** What a storage extension offers exporters (present when its factory is a `storage` one). */
  readonly storage?: StorageExtension;
}

export interface ExtensionFactory<C = unknown> extends FactoryBase {
  readonly kind: 'extension';
  /** Listeners may name it in `auth.authenticator`; its extensions then have an `authenticator`. */
  readonly serverAuthenticator?: boolean;
  /** Exporters may name it in `sending_queue.storage`; its extensions then have a `storage`. */
  readonly storage?: boolean;
  createExtension(settings: ComponentSettings, config: C): Extension;
}

export interface ReceiverFactory<C = unknown> extends FactoryBase {
  readonly kind: 'receiver';
  createReceiver(settings: ComponentSettings, config: C, next: Consumer): Receiver;
}

export interface ProcessorFactory<C = unknown> extends FactoryBase {
  readonly kind: 'processor';
  createProcessor(settings: ComponentSettings, config: C, next: Consumer): Processor;
}

export interface ExporterFactory<C = unknown> extends FactoryBase {
  readonly kind: 'exporter';
  createExporter(settings: ComponentSettings, config: C): Exporter;
}

export type Factory = ExtensionFactory<never> | ReceiverFactory<never> | ProcessorFactory<never> | ExporterFactory<never>;
